"""Who may do what with courses and runs, decided in one place.

The rules are django-rules predicates and permissions (`learning.manage_run`,
`learning.grade_assignment`, `learning.read_course`), so that views, templates
(`{% load rules %}{% has_perm %}`), the API and the admin (`user.has_perm`,
through rules' ObjectPermissionBackend) all ask the same question. The
`*_allowed` functions are the keyword-argument spelling of the same rules.
"""

import rules

from courses.models import CoursePage, CoursePageInstructor
from lms.accounts.models import Role

from .models import SEAT_HOLDING, CourseRun, Enrollment


def is_center_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    cached = getattr(user, "_campus_is_staff", None)
    if cached is None:
        cached = user.groups.filter(name=Role.STAFF.value).exists()
        user._campus_is_staff = cached
    return cached


def is_course_instructor(user, course: CoursePage) -> bool:
    """Whether `user` teaches `course`; remembered on the user for the request,
    since a page asks it from the gate, its context and its template."""
    if not user.is_authenticated:
        return False
    known = user.__dict__.setdefault("_campus_teaches", {})
    if course.pk not in known:
        known[course.pk] = CoursePageInstructor.objects.filter(
            page_id=course.pk, user=user
        ).exists()
    return known[course.pk]


@rules.predicate
def center_staff(user) -> bool:
    return is_center_staff(user)


@rules.predicate
def teaches_its_course(user, thing) -> bool:
    """`thing` is a course page, or anything with a `course` (a run, an assignment)."""
    course = thing if isinstance(thing, CoursePage) else thing.course
    return is_course_instructor(user, course)


@rules.predicate
def reads_course(user, course: CoursePage) -> bool:
    return _course_readable(user=user, course=course)


rules.add_perm("learning.manage_run", center_staff | teaches_its_course)
rules.add_perm("learning.grade_assignment", center_staff | teaches_its_course)
rules.add_perm("learning.read_course", reads_course)


def run_manage_allowed(*, user, run: CourseRun) -> bool:
    """Center staff, and the instructors of the run's course."""
    return rules.has_perm("learning.manage_run", user, run)


def grading_allowed(*, user, assignment) -> bool:
    """The course's instructors and center staff grade and grant extensions."""
    return rules.has_perm("learning.grade_assignment", user, assignment)


def lesson_access_allowed(*, user, course: CoursePage) -> bool:
    """Open courses are for everyone; others for their learners and teachers."""
    return rules.has_perm("learning.read_course", user, course)


def _course_readable(*, user, course: CoursePage) -> bool:
    if course.is_open:
        return True
    if not user.is_authenticated:
        return False
    if is_center_staff(user) or is_course_instructor(user, course):
        return True
    return Enrollment.objects.filter(
        learner=user,
        run__course__translation_key=course.translation_key,
        status__in=SEAT_HOLDING,
    ).exists()
