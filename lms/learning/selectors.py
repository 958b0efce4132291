"""Reads about learning: the catalog, the learner dashboard and course progress."""

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import CourseCategory, CoursePage, LessonPage
from courses.outline import course_outline
from courses.translations import pages_in_language

from .completion import completion_notes
from .models import (
    SEAT_HOLDING,
    Bookmark,
    CourseRun,
    Enrollment,
    EnrollmentStatus,
    LessonProgress,
)

CATALOG_PAGE_SIZE = 12
FACETS = ("learning_mode", "delivery", "level", "course_language")
# the catalog's own courses in the "offered by" facet; any other value names
# another provider (a partner university, whose courses lms.partners shows)
OUR_COURSES = "campus"


@dataclass
class CatalogQuery:
    """What the visitor asked the catalog for, already validated."""

    q: str = ""
    learning_mode: str = ""
    delivery: str = ""
    level: str = ""
    course_language: str = ""
    category: int | None = None
    upcoming: bool = False
    seats: bool = False
    offered_by: str = ""
    page: int = 1


def course_run_list_open() -> Any:
    """Published runs of live courses that have not ended."""
    return CourseRun.objects.published().upcoming().select_related("course")


def runs_in_language(runs) -> list:
    """`runs`, each showing its course in the reader's language: a run points at
    the course's canonical page, and its `course` is swapped (for display only;
    `course_id` is untouched) for that page's translation in the active
    language, where there is one. One query however many runs.
    """
    runs = [run for run in runs if run is not None]
    localized = pages_in_language((run.course for run in runs), model=CoursePage)
    for run in runs:
        page = localized.get(run.course.translation_key)
        if page is not None and page.pk != run.course_id:
            run._state.fields_cache["course"] = page
    return runs


def course_in_language(course: CoursePage) -> CoursePage:
    """`course`'s page in the reader's language (itself when it has none), for
    a title; no query in its own language, one in another."""
    return pages_in_language([course], model=CoursePage)[course.translation_key]


def run_in_language(run):
    """`run` (or None), showing its course in the reader's language, as
    `runs_in_language` does for many: no query in the course's own language,
    one in another."""
    if run is not None:
        runs_in_language([run])
    return run


def course_run_list_for_page(*, course: CoursePage) -> list:
    """The open runs of `course` shown on its page, the same in every language."""
    return list(
        CourseRun.objects.published()
        .upcoming()
        .for_course(course)
        .order_by("starts_on", "pk")
    )


def _runs_attach(courses: list) -> None:
    """Each course's open runs as `open_runs`, found by the course's translation
    key (runs belong to the course, whatever language its page is in)."""
    by_key: dict[Any, list] = {course.translation_key: [] for course in courses}
    if by_key:
        runs = (
            CourseRun.objects.published()
            .upcoming()
            .filter(course__translation_key__in=list(by_key))
            .annotate(course_key=F("course__translation_key"))
            .order_by("starts_on", "pk")
        )
        for run in runs:
            by_key[run.course_key].append(run)
    for course in courses:
        course.open_runs = by_key[course.translation_key]


def course_catalog(*, index, query: CatalogQuery) -> dict[str, Any]:
    """The catalog page: matching courses, paginated, with facet counts.

    A fixed number of queries whatever the number of courses.
    """
    courses = CoursePage.objects.child_of(index).live().public()
    for name in FACETS:
        value = getattr(query, name)
        if value:
            courses = courses.filter(**{name: value})
    if query.category:
        courses = courses.filter(category_id=query.category)
    if query.upcoming or query.seats:
        runs = CourseRun.objects.published().upcoming()
        if query.seats:
            runs = runs.filter(
                Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity"))
            )
        courses = courses.filter(
            translation_key__in=runs.values("course__translation_key")
        )
    if query.q:
        # the text of every language finds a course ("marketing" finds the
        # Korean page whose English translation has the word); the reader
        # gets the page of the catalog they search
        ranked = list(
            dict.fromkeys(
                page.translation_key
                for page in CoursePage.objects.live().search(query.q)[:500]
            )
        )
        order = Case(
            *[
                When(translation_key=key, then=position)
                for position, key in enumerate(ranked)
            ],
            output_field=IntegerField(),
        )
        courses = courses.filter(translation_key__in=ranked).order_by(order)
    else:
        courses = courses.order_by("-first_published_at", "pk")
    our_count = None
    if query.offered_by and query.offered_by != OUR_COURSES:
        # another provider's courses are asked for: none of ours, but the facet
        # still says how many of ours match the other filters
        our_count = courses.count()
        courses = courses.none()

    facets = {
        name: dict(courses.order_by().values_list(name).annotate(n=Count("pk")))
        for name in FACETS
    }
    paginator = Paginator(
        courses.select_related("category", "cover_image"), CATALOG_PAGE_SIZE
    )
    page = paginator.get_page(query.page)
    page.object_list = list(page.object_list)
    _runs_attach(page.object_list)
    return {
        "courses": page,
        "paginator": paginator,
        "facets": facets,
        "categories": CourseCategory.objects.filter(locale_id=index.locale_id),
        "result_count": paginator.count,
        "our_course_count": paginator.count if our_count is None else our_count,
        "show_our_courses": our_count is None,
    }


@dataclass
class CourseProgress:
    """How far a learner is through a course: its required lessons and, once
    those are done or the enrolment is complete, every requirement of the run's
    completion rules (`requirements`: lessons, assessments, attendance, grade),
    so that a full bar never hides a quiz still to take."""

    course: CoursePage
    required_total: int = 0
    required_done: int = 0
    next_lesson: Any = None
    resume_lesson: Any = None
    completed_ids: set[int] = field(default_factory=set)
    requirements: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        if self.requirements:
            done = total = 0
            for requirement in self.requirements:
                if requirement.total is not None:
                    done += min(requirement.done, requirement.total)
                    total += requirement.total
                else:  # a threshold (attendance, grade): one step, met or not
                    done += int(requirement.met)
                    total += 1
            percent = round(100 * done / total) if total else 100
            return percent if not self.left else min(percent, 99)
        if not self.required_total:
            return 0
        return round(100 * self.required_done / self.required_total)

    @property
    def left(self) -> list:
        """The requirements not met yet (empty until they are known)."""
        return [r for r in self.requirements if not r.met]

    @property
    def lessons_done(self) -> bool:
        return self.required_done >= self.required_total


def progress_requirements_attach(
    *, progress: CourseProgress, enrollment: Enrollment | None
) -> CourseProgress:
    """Add the run's completion requirements to `progress` when the lesson bar
    alone would mislead: its lessons are all done, or the enrolment is complete.
    (Before that the bar counts lessons, and says so.) A few queries, only then.
    """
    if enrollment is None or enrollment.status not in SEAT_HOLDING:
        return progress
    if enrollment.status == EnrollmentStatus.ACTIVE and not progress.lessons_done:
        return progress
    from .services.completion import completion_status

    progress.requirements = completion_status(enrollment=enrollment)
    return progress


@dataclass
class DashboardEntry:
    enrollment: Enrollment
    progress: CourseProgress
    note: str = ""


def _progress_records(**filters) -> dict[Any, LessonProgress]:
    """A learner's lesson records keyed by the lesson's translation key: a lesson
    read in one language is done in all of them."""
    return {
        record.lesson_key: record
        for record in LessonProgress.objects.filter(**filters).annotate(
            lesson_key=F("lesson__translation_key")
        )
    }


def _progress_for(
    *, course: CoursePage, lessons: list, records: dict[Any, LessonProgress]
) -> CourseProgress:
    progress = CourseProgress(course=course)
    last_viewed = None
    for lesson in lessons:
        record = records.get(lesson.translation_key)
        done = record is not None and record.completed_at is not None
        if done:
            progress.completed_ids.add(lesson.pk)
        if lesson.is_required:
            progress.required_total += 1
            progress.required_done += int(done)
        if not done and progress.next_lesson is None:
            progress.next_lesson = lesson
        if record is not None and (
            last_viewed is None or record.last_viewed_at > last_viewed.last_viewed_at
        ):
            last_viewed = record
    if last_viewed is not None:
        progress.resume_lesson = next(
            (
                lesson
                for lesson in lessons
                if lesson.translation_key == last_viewed.lesson_key
            ),
            None,
        )
    return progress


def learner_dashboard(*, learner) -> dict[str, Any]:
    """My courses with progress, the next lesson, upcoming dates and bookmarks.

    Five queries however many enrolments the learner has (the fifth finds
    the courses' pages in the reader's language).
    """
    enrollments = list(
        Enrollment.objects.filter(
            learner=learner,
            status__in=[
                *SEAT_HOLDING,
                EnrollmentStatus.PENDING,
                EnrollmentStatus.WAITLISTED,
            ],
        )
        .select_related("run__course")
        .order_by("-status_changed_at")
    )
    # each course in the reader's language, its lessons from that translation
    runs_in_language(e.run for e in enrollments)
    courses = {e.run.course.pk: e.run.course for e in enrollments}
    lessons_by_course: dict[int, list] = {pk: [] for pk in courses}
    if courses:
        under_a_course = Q()
        for course in courses.values():
            under_a_course |= Q(path__startswith=course.path)
        paths = {course.path: pk for pk, course in courses.items()}
        steplen = LessonPage.steplen
        lessons = (
            LessonPage.objects.live()
            .filter(under_a_course)
            .order_by("path")
            .defer_streamfields()
        )
        for lesson in lessons:
            course_path = lesson.path[: steplen * (lesson.depth - 2)]
            if course_path in paths:
                lessons_by_course[paths[course_path]].append(lesson)
    records = _progress_records(
        learner=learner,
        course_id__in={enrollment.run.course_id for enrollment in enrollments},
    )
    entries = [
        DashboardEntry(
            enrollment=enrollment,
            progress=progress_requirements_attach(
                progress=_progress_for(
                    course=enrollment.run.course,
                    lessons=lessons_by_course[enrollment.run.course.pk],
                    records=records,
                ),
                enrollment=enrollment,
            ),
        )
        for enrollment in enrollments
    ]
    notes = completion_notes(enrollments=enrollments)
    for entry in entries:
        entry.note = notes.get(entry.enrollment.pk, "")
    today = timezone.localdate()
    upcoming = sorted(
        (
            entry.enrollment.run
            for entry in entries
            if entry.enrollment.run.starts_on
            and entry.enrollment.run.starts_on >= today
        ),
        key=lambda run: run.starts_on,
    )
    bookmarks = list(
        Bookmark.objects.filter(learner=learner).select_related("page", "resource")[:20]
    )
    return {"entries": entries, "upcoming_runs": upcoming, "bookmarks": bookmarks}


def course_progress(*, learner, course: CoursePage) -> CourseProgress:
    """Progress through one course, module by module, for its progress page."""
    outline = course_outline(course=course)
    records = _progress_records(
        learner=learner, course__translation_key=course.translation_key
    )
    return _progress_for(course=course, lessons=outline.lessons, records=records)


def enrollment_for(*, learner, course: CoursePage) -> Enrollment | None:
    """The learner's current enrolment in any run of `course`, if any."""
    if not learner.is_authenticated:
        return None
    return (
        Enrollment.objects.filter(
            learner=learner, run__course__translation_key=course.translation_key
        )
        .exclude(status__in=[EnrollmentStatus.WITHDRAWN, EnrollmentStatus.REJECTED])
        .select_related("run")
        .order_by("-status_changed_at")
        .first()
    )


def approval_queue(*, user, is_staff: bool) -> Any:
    """Pending requests the user may decide: all for staff, own for instructors."""
    pending = Enrollment.objects.filter(status=EnrollmentStatus.PENDING).select_related(
        "learner__organization", "run__course"
    )
    if not is_staff:
        pending = pending.filter(run__course__instructor_links__user=user)
    return pending.order_by("created_at")


TEACHING_PAGE_SIZE = 20


def _count_of(queryset, *, by: str = "run") -> Any:
    """A correlated COUNT(*) of `queryset` (which filters by OuterRef), 0 if none."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .values(by)
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def teaching_runs(*, user, is_staff: bool, page: int = 1) -> dict[str, Any]:
    """The runs a person teaches (every run for center staff), newest first, with
    what waits for them: pending requests, waitlist and ungraded submissions.

    Two queries (count and page) however many runs and enrolments there are,
    and one more in a language other than the courses'.
    """
    from .models import Submission, SubmissionStatus

    runs = CourseRun.objects.select_related("course")
    if not is_staff:
        runs = runs.filter(course__instructor_links__user=user).distinct()
    enrollments = Enrollment.objects.filter(run=OuterRef("pk"))
    runs = runs.annotate(
        pending_count=_count_of(enrollments.filter(status=EnrollmentStatus.PENDING)),
        waitlist_count=_count_of(
            enrollments.filter(status=EnrollmentStatus.WAITLISTED)
        ),
        ungraded_count=_count_of(
            Submission.objects.filter(
                enrollment__run=OuterRef("pk"), status=SubmissionStatus.SUBMITTED
            ),
            by="enrollment__run",
        ),
    ).order_by(F("starts_on").desc(nulls_last=True), "-pk")
    page_obj = Paginator(runs, TEACHING_PAGE_SIZE).get_page(page)
    page_obj.object_list = runs_in_language(page_obj.object_list)
    return {"page_obj": page_obj, "is_staff": is_staff}
