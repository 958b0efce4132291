"""Demo course runs, enrolments and progress for `seed_demo`. Idempotent.

Runs are found by course and title and their dates moved relative to today, so
the demo always has a run under way, upcoming runs and a full one. Enrolments go
through the services; enrolling again is a no-op there.
"""

import datetime as dt

from django.db.models import F
from django.utils import timezone

from courses.models import CoursePage, LessonPage

from .models import CourseRun, Enrollment, EnrollmentPolicy, Pacing
from .services import enrollment_create, lesson_progress_complete

STAFF = "staff@campus.example"

# course slug -> runs; days are relative to today. Enrolments: (email, how),
# where how is "staff" (enrolled by staff, bypassing the rules) or "self".
RUNS = {
    "social-enterprise-startup-basics": [
        {
            "title": ("2기", "Cohort 2"),
            "starts": -14,
            "ends": 28,
            "opens": -45,
            "closes": -15,
            "capacity": 30,
            "policy": EnrollmentPolicy.OPEN,
            "enrol": [
                ("learner@campus.example", "staff"),
                ("learner2@campus.example", "staff"),
                ("learner3@campus.example", "staff"),
            ],
            "progress": {"learner@campus.example": 2},
        },
        {
            "title": ("3기", "Cohort 3"),
            "starts": 56,
            "ends": 98,
            "opens": -3,
            "closes": 49,
            "capacity": 30,
            "policy": EnrollmentPolicy.OPEN,
            "enrol": [("learner4@campus.example", "self")],
        },
    ],
    "cooperative-accounting-and-finance": [
        {
            "title": ("상시 과정", "Self-paced"),
            "starts": -30,
            "ends": 150,
            "opens": -30,
            "closes": 120,
            "capacity": None,
            "policy": EnrollmentPolicy.OPEN,
            "pacing": Pacing.SELF_PACED,
            "enrol": [
                ("learner@campus.example", "self"),
                ("learner4@campus.example", "self"),
                ("learner5@campus.example", "self"),
            ],
            "progress": {"learner@campus.example": 3, "learner4@campus.example": 1},
        },
    ],
    "introduction-to-social-value-measurement": [
        {
            "title": ("상시 공개 과정", "Open, self-paced"),
            "starts": -90,
            "ends": None,
            "opens": None,
            "closes": None,
            "capacity": None,
            "policy": EnrollmentPolicy.OPEN,
            "pacing": Pacing.SELF_PACED,
            "enrol": [
                ("learner@campus.example", "self"),
                ("learner5@campus.example", "self"),
            ],
            "progress": {"learner@campus.example": 1, "learner5@campus.example": 4},
        },
    ],
    "local-food-market-access-residential": [
        {
            "title": ("합숙 1기", "Residential cohort 1"),
            "starts": 21,
            "ends": 24,
            "opens": -10,
            "closes": 14,
            "capacity": 20,
            "policy": EnrollmentPolicy.OPEN,
            "residential": True,
            "enrol": [
                ("learner3@campus.example", "self"),
                ("learner@campus.example", "self"),
            ],
        },
    ],
    "running-a-care-social-cooperative": [
        {
            "title": ("하반기 모임", "Autumn circle"),
            "starts": 30,
            "ends": 100,
            "opens": -7,
            "closes": 25,
            "capacity": 15,
            "policy": EnrollmentPolicy.APPROVAL,
            "enrol": [
                ("learner5@campus.example", "staff"),
                ("learner2@campus.example", "self"),
                ("learner4@campus.example", "self"),
            ],
        },
    ],
    "understanding-impact-investing": [
        {
            "title": ("상시 공개 과정", "Open, self-paced"),
            "starts": -60,
            "ends": None,
            "opens": None,
            "closes": None,
            "capacity": None,
            "policy": EnrollmentPolicy.OPEN,
            "pacing": Pacing.SELF_PACED,
            "enrol": [("learner2@campus.example", "self")],
        },
        {
            "title": ("금융센터 라운드테이블", "Finance center roundtable"),
            "starts": 10,
            "ends": 10,
            "opens": -5,
            "closes": 8,
            "capacity": 3,
            "policy": EnrollmentPolicy.OPEN,
            # three take the seats, two more join the waitlist
            "enrol": [
                ("learner2@campus.example", "self"),
                ("learner3@campus.example", "self"),
                ("learner4@campus.example", "self"),
                ("learner5@campus.example", "self"),
                ("learner@campus.example", "self"),
            ],
        },
    ],
    "social-enterprise-marketing-study-group": [
        {
            "title": ("협력기관 추천 1기", "Partner cohort 1"),
            "starts": 40,
            "ends": 82,
            "opens": -2,
            "closes": 35,
            "capacity": 12,
            "policy": EnrollmentPolicy.INVITATION,
            "invitation_code": "MARKETING-2026",
            "enrol": [("learner2@campus.example", "staff")],
        },
    ],
}


def _at(today: dt.date, days: int | None) -> dt.datetime | None:
    if days is None:
        return None
    moment = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(9, 0))
    return timezone.make_aware(moment)


def _day(today: dt.date, days: int | None) -> dt.date | None:
    return None if days is None else today + dt.timedelta(days=days)


def _run(course: CoursePage, title: str, spec: dict, today: dt.date) -> CourseRun:
    run = CourseRun.objects.filter(course=course, title=title).first() or CourseRun(
        course=course, title=title
    )
    run.starts_on = _day(today, spec["starts"])
    run.ends_on = _day(today, spec["ends"])
    run.enrollment_opens_at = _at(today, spec["opens"])
    run.enrollment_closes_at = _at(today, spec["closes"])
    run.capacity = spec["capacity"]
    run.enrollment_policy = spec["policy"]
    run.pacing = spec.get("pacing", Pacing.SCHEDULED)
    run.is_residential = spec.get("residential", False)
    run.is_published = True
    run.waitlist_enabled = True
    if spec.get("invitation_code"):
        run.invitation_code = spec["invitation_code"]
    run.save()
    return run


def _lessons(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


def seed_learning(*, courses: list[CoursePage], people) -> list[CourseRun]:
    """Runs for every course, Korean and English; enrolments and progress in Korean."""
    today = timezone.localdate()
    staff = people[STAFF]
    by_slug: dict[str, dict[str, CoursePage]] = {}
    for course in courses:
        by_slug.setdefault(course.slug, {})[course.locale.language_code] = course
    runs = []
    for slug, specs in RUNS.items():
        for spec in specs:
            title_ko, title_en = spec["title"]
            run = _run(by_slug[slug]["ko"], title_ko, spec, today)
            runs.append(run)
            if "en" in by_slug[slug]:
                runs.append(_run(by_slug[slug]["en"], title_en, spec, today))
            for email, how in spec.get("enrol", []):
                enrollment_create(
                    learner=people[email],
                    run=run,
                    invitation_code=run.invitation_code,
                    source="web" if how == "self" else "csv",
                    actor=staff if how == "staff" else None,
                )
            lessons = [lesson for lesson in _lessons(run.course) if lesson.is_required]
            for email, count in spec.get("progress", {}).items():
                for lesson in lessons[:count]:
                    lesson_progress_complete(learner=people[email], lesson=lesson)
    # demo enrolments need no e-mail: mark them as told
    Enrollment.objects.filter(run__in=runs).exclude(notified_status=F("status")).update(
        notified_status=F("status")
    )
    return runs
