"""Reads about grades: the gradebook of a run and each learner's grades.

An item is a live quiz or assignment of the run's course. A learner's grade on
an item, in percent, is the newest override if there is one, else the best
submitted quiz attempt, else the graded submission. Category averages count
every item of the category (missing work counts as 0 once the run has ended,
and is left out before); the total weighs the categories by the course's
weights, renormalised over the categories that have items.

A fixed number of queries whatever the number of learners and items.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max
from django.utils import timezone

from courses.models import AssignmentPage, GradeCategory, QuizPage

from .models import (
    SEAT_HOLDING,
    CourseRun,
    Enrollment,
    GradeOverride,
    QuizAttempt,
    QuizAttemptStatus,
    Submission,
    SubmissionStatus,
)

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class GradeItem:
    page: object  # QuizPage or AssignmentPage
    kind: str  # "quiz" or "assignment"

    @property
    def pk(self) -> int:
        return self.page.pk

    @property
    def category(self) -> str:
        return self.page.grade_category

    @property
    def pass_mark(self) -> int:
        return self.page.pass_mark

    @property
    def is_required(self) -> bool:
        return self.page.is_required


@dataclass
class GradeCell:
    percent: Decimal | None = None
    overridden: bool = False
    source: Decimal | None = None  # the computed grade under an override

    @property
    def is_graded(self) -> bool:
        return self.percent is not None


@dataclass
class GradeRow:
    enrollment: Enrollment
    cells: dict[int, GradeCell] = field(default_factory=dict)
    categories: dict[str, Decimal | None] = field(default_factory=dict)
    total: Decimal | None = None

    def passed(self, item: GradeItem) -> bool:
        cell = self.cells.get(item.pk)
        return bool(
            cell and cell.percent is not None and cell.percent >= item.pass_mark
        )


@dataclass
class Gradebook:
    run: CourseRun
    items: list[GradeItem]
    rows: list[GradeRow]
    weights: dict[str, int]

    @property
    def categories(self) -> list[tuple[str, str, int]]:
        present = {item.category for item in self.items}
        return [
            (value, label, self.weights.get(value, 0))
            for value, label in GradeCategory.choices
            if value in present
        ]


def assessment_items(*, course) -> list[GradeItem]:
    """The live quizzes and assignments of a course, in outline order."""
    quizzes = QuizPage.objects.live().descendant_of(course).defer_streamfields()
    assignments = (
        AssignmentPage.objects.live().descendant_of(course).defer_streamfields()
    )
    items = [GradeItem(page, "quiz") for page in quizzes] + [
        GradeItem(page, "assignment") for page in assignments
    ]
    return sorted(items, key=lambda item: item.page.path)


def _totals(row: GradeRow, items: list[GradeItem], weights: dict, count_missing: bool):
    by_category: dict[str, list[Decimal]] = defaultdict(list)
    for item in items:
        cell = row.cells[item.pk]
        if cell.percent is not None:
            by_category[item.category].append(cell.percent)
        elif count_missing:
            by_category[item.category].append(Decimal(0))
    weighted = Decimal(0)
    weight_sum = 0
    for category in {item.category for item in items}:
        grades = by_category.get(category)
        if not grades:
            row.categories[category] = None
            continue
        average = sum(grades, Decimal(0)) / len(grades)
        row.categories[category] = _round(average)
        weight = weights.get(category, 0)
        weighted += average * weight
        weight_sum += weight
    row.total = _round(weighted / weight_sum) if weight_sum else None


def gradebook_for_run(*, run: CourseRun, enrollments=None) -> Gradebook:
    """Every seat-holding learner of `run` × every assessment of its course."""
    course = run.home_course
    items = assessment_items(course=course)
    if enrollments is None:
        enrollments = list(
            Enrollment.objects.filter(run=run, status__in=SEAT_HOLDING)
            .select_related("learner__organization")
            .order_by("learner__name_ko", "learner__email")
        )
    learner_ids = [e.learner_id for e in enrollments]
    quiz_ids = [i.pk for i in items if i.kind == "quiz"]
    assignment_pages = {i.pk: i.page for i in items if i.kind == "assignment"}

    best_attempts = {
        (row["learner_id"], row["quiz_id"]): row["best"]
        for row in QuizAttempt.objects.filter(
            quiz_id__in=quiz_ids,
            learner_id__in=learner_ids,
            status=QuizAttemptStatus.SUBMITTED,
        )
        .values("learner_id", "quiz_id")
        .annotate(best=Max("percent"))
    }
    graded = {}
    for submission in (
        Submission.objects.filter(
            assignment_id__in=list(assignment_pages),
            learner_id__in=learner_ids,
            status=SubmissionStatus.GRADED,
        )
        .order_by("version")
        .only("learner_id", "assignment_id", "score", "version")
    ):
        page = assignment_pages[submission.assignment_id]
        if submission.score is not None and page.max_points:
            graded[(submission.learner_id, submission.assignment_id)] = _round(
                Decimal(submission.score) * HUNDRED / Decimal(page.max_points)
            )
    overrides = {}
    for override in GradeOverride.objects.filter(
        enrollment__in=[e.pk for e in enrollments], item_id__in=[i.pk for i in items]
    ).order_by("created_at", "pk"):
        overrides[(override.enrollment_id, override.item_id)] = override  # newest wins

    weights = course.grade_weights()
    count_missing = bool(run.ends_on and run.ends_on < timezone.localdate())
    rows = []
    for enrollment in enrollments:
        row = GradeRow(enrollment=enrollment)
        for item in items:
            key = (enrollment.learner_id, item.pk)
            computed = (
                best_attempts.get(key) if item.kind == "quiz" else graded.get(key)
            )
            override = overrides.get((enrollment.pk, item.pk))
            if override is not None and override.percent is not None:
                row.cells[item.pk] = GradeCell(
                    percent=Decimal(override.percent), overridden=True, source=computed
                )
            else:
                row.cells[item.pk] = GradeCell(
                    percent=Decimal(computed) if computed is not None else None
                )
        _totals(row, items, weights, count_missing)
        rows.append(row)
    return Gradebook(run=run, items=items, rows=rows, weights=weights)


def grades_for_enrollment(*, enrollment: Enrollment) -> tuple[Gradebook, GradeRow]:
    """One learner's row of their run's gradebook (their own grade view)."""
    book = gradebook_for_run(run=enrollment.run, enrollments=[enrollment])
    return book, book.rows[0]
