"""Reads about assignments: a learner's versions, the grading queue, rubrics."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from courses.models import (
    AssignmentPage,
    CoursePage,
    CoursePageInstructor,
    LatePolicy,
)
from courses.translations import pages_in_language

from .models import AssignmentExtension, Submission, SubmissionStatus
from .permissions import is_center_staff, is_course_instructor

GRADING_QUEUE_PAGE_SIZE = 50


@dataclass
class RubricLevel:
    index: int
    label: str
    points: Any
    description: str


@dataclass
class RubricCriterion:
    index: int
    criterion: str
    levels: list[RubricLevel] = field(default_factory=list)
    chosen: int | None = None

    @property
    def chosen_level(self) -> RubricLevel | None:
        if self.chosen is None or not 0 <= self.chosen < len(self.levels):
            return None
        return self.levels[self.chosen]


def allowed_file_types(assignment: AssignmentPage) -> list[str]:
    """The assignment's allowed extensions, lower case, without dots.

    Not `AssignmentPage.extensions`: the reverse accessor of
    `AssignmentExtension.assignment` (related_name="extensions") replaces that
    property on the class.
    """
    return [
        e.strip().lower().lstrip(".")
        for e in (assignment.allowed_extensions or "").split(",")
        if e.strip()
    ]


def assignment_rubric(
    *, assignment: AssignmentPage, choices: list | None = None
) -> list[RubricCriterion]:
    """The rubric as plain rows, with the chosen level of each criterion if given."""
    choices = list(choices or [])
    rows = []
    for index, block in enumerate(assignment.rubric):
        chosen = choices[index] if index < len(choices) else None
        rows.append(
            RubricCriterion(
                index=index,
                criterion=block.value["criterion"],
                levels=[
                    RubricLevel(
                        index=n,
                        label=level["label"],
                        points=level["points"],
                        description=level.get("description") or "",
                    )
                    for n, level in enumerate(block.value["levels"])
                ],
                chosen=chosen if isinstance(chosen, int) else None,
            )
        )
    return rows


def submission_list_for_learner(*, learner, assignment: AssignmentPage) -> QuerySet:
    """The learner's versions of an assignment (in any of its languages), newest
    first."""
    if not learner.is_authenticated:
        return Submission.objects.none()
    return Submission.objects.filter(
        learner=learner, assignment__translation_key=assignment.translation_key
    ).order_by("-version")


def extension_for(*, learner, assignment: AssignmentPage) -> AssignmentExtension | None:
    if not learner.is_authenticated:
        return None
    return AssignmentExtension.objects.filter(
        learner=learner, assignment__translation_key=assignment.translation_key
    ).first()


def _taught_course_paths(grader) -> list[str]:
    return list(
        CoursePage.objects.filter(instructor_links__user=grader).values_list(
            "path", flat=True
        )
    )


def teaches_any_course(*, user) -> bool:
    return CoursePageInstructor.objects.filter(user_id=user.pk).exists()


def _under_paths(paths: list[str], lookup: str) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{lookup}__startswith": path})
    return condition


def submission_list_gradable(*, grader) -> QuerySet:
    """Every submission the grader may see and grade: of the assignments in the
    courses they teach, or all of them for center staff.
    """
    if not grader.is_authenticated:
        return Submission.objects.none()
    submissions = Submission.objects.all()
    if is_center_staff(grader):
        return submissions
    paths = _taught_course_paths(grader)
    if not paths:
        return Submission.objects.none()
    return submissions.filter(_under_paths(paths, "assignment__path"))


def grading_queue(*, grader, assignment_id: int | None = None) -> QuerySet:
    """Submissions waiting for a grade, oldest first."""
    queue = submission_list_gradable(grader=grader).filter(
        status=SubmissionStatus.SUBMITTED
    )
    if assignment_id:
        queue = queue.filter(assignment_id=assignment_id)
    return queue.order_by("submitted_at", "pk")


def grading_queue_next(
    *, grader, after: Submission, assignment_id: int | None = None
) -> Submission | None:
    """The submission to grade after `after`: the next one in the queue's order,
    or, at the end, the oldest one still waiting.
    """
    queue = grading_queue(grader=grader, assignment_id=assignment_id).exclude(
        pk=after.pk
    )
    later = queue.filter(
        Q(submitted_at__gt=after.submitted_at)
        | Q(submitted_at=after.submitted_at, pk__gt=after.pk)
    ).first()
    return later or queue.first()


def _courses_of(assignment_paths: set[str]) -> dict[str, CoursePage]:
    """The course above each assignment path, in the reader's language: one
    query (two in a language other than the courses')."""
    prefixes = {
        path[:end]
        for path in assignment_paths
        for end in range(CoursePage.steplen, len(path), CoursePage.steplen)
    }
    courses = list(
        CoursePage.objects.filter(path__in=prefixes).only(
            "title", "path", "url_path", "translation_key", "locale_id"
        )
    )
    shown = pages_in_language(courses, model=CoursePage)
    found = {}
    for path in assignment_paths:
        for course in courses:
            if path.startswith(course.path):
                found[path] = shown[course.translation_key]
                break
    return found


def grading_queue_page(
    *, grader, assignment_id: int | None = None, page: Any = 1
) -> dict[str, Any]:
    """The grading queue page: one page of waiting submissions, each with its
    learner, assignment and course, and the assignments to filter by.

    A fixed number of queries whatever the length of the queue.
    """
    waiting = submission_list_gradable(grader=grader).filter(
        status=SubmissionStatus.SUBMITTED
    )
    queue = waiting.filter(assignment_id=assignment_id) if assignment_id else waiting
    queue = queue.select_related("learner", "assignment").order_by("submitted_at", "pk")
    paginator = Paginator(queue, GRADING_QUEUE_PAGE_SIZE)
    page_obj = paginator.get_page(page)
    submissions = list(page_obj.object_list)
    courses = _courses_of({s.assignment.path for s in submissions})
    for submission in submissions:
        submission.course = courses.get(submission.assignment.path)
    assignments = list(
        AssignmentPage.objects.filter(
            pk__in=waiting.values("assignment_id")
        ).defer_streamfields()
    )
    return {
        "submissions": submissions,
        "page_obj": page_obj,
        "assignments": assignments,
        "assignment_id": assignment_id,
        "is_staff": is_center_staff(grader),
    }


def submission_for_viewer(*, user, submission_id: int) -> Submission | None:
    """The submission if `user` may see it (its learner, the course's instructors
    and center staff), else None.
    """
    if not user.is_authenticated:
        return None
    submission = (
        Submission.objects.select_related("learner", "assignment")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return None
    if submission.learner_id == user.pk or is_center_staff(user):
        return submission
    if is_course_instructor(user, submission.assignment.course):
        return submission
    return None


def late_policy_text(assignment: AssignmentPage) -> str:
    if assignment.late_policy == LatePolicy.REFUSE:
        return _("Late work is not accepted.")
    if assignment.late_policy == LatePolicy.PENALTY:
        return _("Late work loses %(percent)d%% of its score per day late.") % {
            "percent": assignment.late_penalty_percent
        }
    return _("Late work is accepted without a penalty.")


@dataclass
class AssignmentPageState:
    """What the assignment page shows one visitor."""

    due_at: datetime | None
    extension: AssignmentExtension | None
    submissions: list[Submission]
    rubric: list[RubricCriterion]
    can_submit: bool
    closed_reason: str
    can_grade: bool
    late_policy: str
    accept: str
    file_types: list[str]


def assignment_page_state(
    *, user, assignment: AssignmentPage, may_submit: bool, now: datetime
) -> AssignmentPageState:
    file_types = allowed_file_types(assignment)
    extension = extension_for(learner=user, assignment=assignment)
    due_at = extension.due_at if extension else assignment.due_at
    submissions = list(submission_list_for_learner(learner=user, assignment=assignment))
    for submission in submissions:
        submission.rubric_result = (
            assignment_rubric(assignment=assignment, choices=submission.rubric_choices)
            if submission.status != SubmissionStatus.SUBMITTED and submission.graded_at
            else []
        )
    closed_reason = ""
    if submissions and not assignment.allow_resubmission:
        closed_reason = _("You have submitted this assignment.")
    elif due_at and now > due_at and assignment.late_policy == LatePolicy.REFUSE:
        closed_reason = _("The due date has passed.")
    can_grade = user.is_authenticated and (
        is_center_staff(user) or is_course_instructor(user, assignment.course)
    )
    return AssignmentPageState(
        due_at=due_at,
        extension=extension,
        submissions=submissions,
        rubric=assignment_rubric(assignment=assignment),
        can_submit=may_submit and not closed_reason,
        closed_reason=closed_reason if may_submit else "",
        can_grade=can_grade,
        late_policy=late_policy_text(assignment),
        accept=",".join(f".{e}" for e in file_types),
        file_types=file_types,
    )
