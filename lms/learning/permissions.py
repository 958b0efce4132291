"""Who may do what with courses and runs, decided in one place."""

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


def run_manage_allowed(*, user, run: CourseRun) -> bool:
    """Center staff, and the instructors of the run's course."""
    return is_center_staff(user) or is_course_instructor(user, run.course)


def lesson_access_allowed(*, user, course: CoursePage) -> bool:
    """Open courses are for everyone; others for their learners and teachers."""
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
