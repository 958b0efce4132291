"""Reads for the dashboards: one course run for its instructors, the center for staff.

Both selectors run a fixed number of queries whatever the number of learners:
progress and enrolments are counted by the database (GROUP BY), never row by
row in Python.

"Enrolled" means holding a seat (active or completed), as in the gradebook;
requests, waitlist places, withdrawals and refusals are not counted.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, DateField, Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import LearningMode
from courses.outline import course_outline
from lms.accounts.models import OrganizationType, Region

from .gradebook import gradebook_for_run
from .models import (
    SEAT_HOLDING,
    CourseRun,
    Enrollment,
    EnrollmentStatus,
    LessonProgress,
)

# the center is in Korea: months are counted on its calendar, wherever it runs
CENTER_TZ = ZoneInfo("Asia/Seoul")
INACTIVE_DAYS_DEFAULT = 14
BEHIND_POINTS = 25
NO_ORGANIZATION = _("No organization")


@dataclass(frozen=True)
class FunnelStep:
    key: str
    label: str
    count: int
    percent: int  # of the enrolled


@dataclass(frozen=True)
class GradeBucket:
    low: int
    high: int
    count: int

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high}"


@dataclass(frozen=True)
class AtRiskLearner:
    enrollment: Enrollment
    progress_percent: int
    last_activity: dt.datetime | None
    inactive_days: int | None  # days since the last activity, or since enrolling
    behind_points: int | None  # how far behind the run's schedule, if more than 25
    reasons: list[str]

    @property
    def learner(self):
        return self.enrollment.learner


@dataclass(frozen=True)
class LessonDropOff:
    lesson: object  # LessonPage
    module: object  # CourseModulePage
    position: int
    viewed: int
    completed: int
    percent: int  # completed, of the enrolled

    @property
    def label(self) -> str:
        return f"{self.position}. {self.lesson.title}"


@dataclass
class RunAnalytics:
    """What an instructor sees about one run."""

    run: CourseRun
    today: dt.date
    inactive_days: int
    enrolled: int
    counted_lessons: int  # the required lessons, or all if none is required
    schedule_percent: int | None  # share of the run's dates elapsed
    funnel: list[FunnelStep]
    grades: list[GradeBucket]
    ungraded: int
    at_risk: list[AtRiskLearner]
    lessons: list[LessonDropOff]


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def run_schedule_percent(*, run: CourseRun, today: dt.date) -> int | None:
    """How much of the run's dates have passed, 0–100; None without both dates."""
    if not run.starts_on or not run.ends_on:
        return None
    length = (run.ends_on - run.starts_on).days
    if length <= 0:
        return 100 if today >= run.ends_on else 0
    elapsed = (today - run.starts_on).days
    return max(0, min(100, round(100 * elapsed / length)))


def _grade_buckets(totals: list[Decimal]) -> list[GradeBucket]:
    counts = [0] * 10
    for total in totals:
        counts[min(int(total // 10), 9)] += 1
    return [
        GradeBucket(low=10 * i, high=100 if i == 9 else 10 * i + 9, count=n)
        for i, n in enumerate(counts)
    ]


def run_analytics(
    *, run: CourseRun, inactive_days: int = INACTIVE_DAYS_DEFAULT, today=None
) -> RunAnalytics:
    """Funnel, grade distribution, learners at risk and lesson drop-off of `run`.

    A learner is at risk when they have had no lesson activity for
    `inactive_days` (counted from enrolling, or from the run's start, when they
    have none), or when their progress is more than 25 points behind the share
    of the run's dates that has passed. Completed learners are never at risk.
    At most ten queries, the same whatever the number of learners: the
    outline (2), the enrolments, two progress counts and the gradebook's.
    """
    now = timezone.now()
    today = today or timezone.localdate(now, timezone=CENTER_TZ)
    course = run.course
    outline = course_outline(course=course)
    lessons = outline.lessons
    counted = outline.required_lessons or lessons
    counted_ids = [lesson.pk for lesson in counted]
    lesson_ids = [lesson.pk for lesson in lessons]

    enrollments = list(
        Enrollment.objects.filter(run=run, status__in=SEAT_HOLDING)
        .select_related("learner__organization")
        .order_by("learner__name_ko", "learner__email")
    )
    enrolled_learners = Enrollment.objects.filter(
        run=run, status__in=SEAT_HOLDING
    ).values("learner_id")
    progress = LessonProgress.objects.filter(
        course_id=course.pk, lesson_id__in=lesson_ids, learner_id__in=enrolled_learners
    )
    per_learner = {
        row["learner_id"]: row
        for row in progress.values("learner_id")
        .order_by()
        .annotate(
            touched=Count("pk"),
            done=Count(
                "pk", filter=Q(completed_at__isnull=False, lesson_id__in=counted_ids)
            ),
            last=Max("last_viewed_at"),
        )
    }
    per_lesson = {
        row["lesson_id"]: row
        for row in progress.values("lesson_id")
        .order_by()
        .annotate(
            viewed=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
    }
    book = gradebook_for_run(run=run, enrollments=enrollments)

    enrolled = len(enrollments)
    total = len(counted_ids)
    started = halfway = all_done = completed = 0
    schedule = run_schedule_percent(run=run, today=today)
    run_start = (
        dt.datetime.combine(run.starts_on, dt.time.min, tzinfo=CENTER_TZ)
        if run.starts_on
        else None
    )
    at_risk = []
    for enrollment in enrollments:
        row = per_learner.get(enrollment.learner_id, {})
        done = row.get("done", 0)
        started += int(bool(row.get("touched")))
        halfway += int(total > 0 and 2 * done >= total)
        all_done += int(total > 0 and done >= total)
        if enrollment.status == EnrollmentStatus.COMPLETED:
            completed += 1
            continue
        last = row.get("last")
        since = last or max(
            filter(None, [enrollment.created_at, run_start]), default=None
        )
        reasons = []
        idle = None
        if since is not None and since <= now:
            idle = (now - since).days
            if idle >= inactive_days:
                reasons.append(
                    _("No lesson activity for %(days)d days") % {"days": idle}
                    if last
                    else _("No lesson activity since enrolling (%(days)d days)")
                    % {"days": idle}
                )
        percent = _percent(done, total)
        behind = None
        if schedule is not None and total and schedule - percent > BEHIND_POINTS:
            behind = schedule - percent
            reasons.append(
                _("%(points)d points behind schedule (%(done)d%% done, %(due)d%% due)")
                % {"points": behind, "done": percent, "due": schedule}
            )
        if reasons:
            at_risk.append(
                AtRiskLearner(
                    enrollment=enrollment,
                    progress_percent=percent,
                    last_activity=last,
                    inactive_days=idle,
                    behind_points=behind,
                    reasons=[str(reason) for reason in reasons],
                )
            )
    at_risk.sort(key=lambda item: (item.progress_percent, -(item.inactive_days or 0)))

    steps = [
        ("enrolled", _("Enrolled"), enrolled),
        ("started", _("Started a lesson"), started),
        ("halfway", _("Half the lessons done"), halfway),
        ("lessons_done", _("All lessons done"), all_done),
        ("completed", _("Completed the course"), completed),
    ]
    totals = [row.total for row in book.rows if row.total is not None]
    module_of = {
        lesson.pk: module.module
        for module in outline.modules
        for lesson in module.lessons
    }
    return RunAnalytics(
        run=run,
        today=today,
        inactive_days=inactive_days,
        enrolled=enrolled,
        counted_lessons=total,
        schedule_percent=schedule,
        funnel=[
            FunnelStep(
                key=key, label=str(label), count=n, percent=_percent(n, enrolled)
            )
            for key, label, n in steps
        ],
        grades=_grade_buckets(totals),
        ungraded=enrolled - len(totals),
        at_risk=at_risk,
        lessons=[
            LessonDropOff(
                lesson=lesson,
                module=module_of[lesson.pk],
                position=position,
                viewed=per_lesson.get(lesson.pk, {}).get("viewed", 0),
                completed=per_lesson.get(lesson.pk, {}).get("completed", 0),
                percent=_percent(
                    per_lesson.get(lesson.pk, {}).get("completed", 0), enrolled
                ),
            )
            for position, lesson in enumerate(lessons, start=1)
        ],
    )


# --- the center ----------------------------------------------------------------


@dataclass(frozen=True)
class CountRow:
    """Enrolments and completions under one label (a month, a mode, a region…)."""

    key: str
    label: str
    enrolments: int
    completions: int

    @property
    def completion_percent(self) -> int:
        return _percent(self.completions, self.enrolments)


@dataclass
class CenterAnalytics:
    """What center staff see across every run."""

    start: dt.date
    end: dt.date  # exclusive
    months: list[CountRow]
    by_mode: list[CountRow]
    by_organization_type: list[CountRow]
    by_region: list[CountRow]
    enrolments: int = 0
    completions: int = 0
    series: tuple = field(default=(_("Enrolments"), _("Completions")))

    @property
    def is_empty(self) -> bool:
        return not (self.enrolments or self.completions)


def _month_add(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _grouped(queryset, key: str, choices, window: Q, done: Q) -> list[CountRow]:
    """Enrolments and completions per value of `key`, in the order of `choices`.

    Values without a row are left out; an empty value (a learner without an
    organization) comes last as "No organization".
    """
    counts = {
        row[key]: row
        for row in queryset.values(key)
        .order_by()
        .annotate(
            enrolments=Count("pk", filter=window), completions=Count("pk", filter=done)
        )
    }
    rows = [
        CountRow(
            key=value,
            label=str(label),
            enrolments=counts[value]["enrolments"],
            completions=counts[value]["completions"],
        )
        for value, label in choices
        if value in counts
    ]
    if None in counts or "" in counts:
        missing = counts.get(None) or counts.get("")
        rows.append(
            CountRow(
                key="",
                label=str(NO_ORGANIZATION),
                enrolments=missing["enrolments"],
                completions=missing["completions"],
            )
        )
    return [row for row in rows if row.enrolments or row.completions]


def center_analytics(*, months: int = 12, today=None) -> CenterAnalytics:
    """Enrolments and completions of the last `months` calendar months (this one
    included) by month, learning mode, organization type and region.

    An enrolment counts in the month it was requested, a completion in the
    month it happened, on the center's calendar (Asia/Seoul). Five queries.
    """
    today = today or timezone.localdate(timezone=CENTER_TZ)
    start = _month_add(today.replace(day=1), -(months - 1))
    end = _month_add(today.replace(day=1), 1)
    since = dt.datetime.combine(start, dt.time.min, tzinfo=CENTER_TZ)
    until = dt.datetime.combine(end, dt.time.min, tzinfo=CENTER_TZ)
    window = Q(created_at__gte=since, created_at__lt=until, status__in=SEAT_HOLDING)
    done = Q(
        status=EnrollmentStatus.COMPLETED,
        completed_at__gte=since,
        completed_at__lt=until,
    )
    enrolments = Enrollment.objects.filter(window | done)

    def monthly(queryset, field_name: str) -> dict[dt.date, int]:
        return {
            row["month"]: row["n"]
            for row in queryset.annotate(
                month=TruncMonth(field_name, output_field=DateField(), tzinfo=CENTER_TZ)
            )
            .values("month")
            .order_by()
            .annotate(n=Count("pk"))
        }

    enrolled = monthly(Enrollment.objects.filter(window), "created_at")
    completed = monthly(Enrollment.objects.filter(done), "completed_at")
    month_rows = []
    for offset in range(months):
        month = _month_add(start, offset)
        month_rows.append(
            CountRow(
                key=month.isoformat()[:7],
                label=month.isoformat()[:7],
                enrolments=enrolled.get(month, 0),
                completions=completed.get(month, 0),
            )
        )
    return CenterAnalytics(
        start=start,
        end=end,
        months=month_rows,
        by_mode=_grouped(
            enrolments,
            "run__course__learning_mode",
            LearningMode.choices,
            window,
            done,
        ),
        by_organization_type=_grouped(
            enrolments,
            "learner__organization__type",
            OrganizationType.choices,
            window,
            done,
        ),
        by_region=_grouped(
            enrolments, "learner__organization__region", Region.choices, window, done
        ),
        enrolments=sum(row.enrolments for row in month_rows),
        completions=sum(row.completions for row in month_rows),
    )
