"""Demo course runs, enrolments and progress for `seed_demo`. Idempotent.

Runs are found by course and title and their dates moved relative to today, so
the demo always has a run under way, upcoming runs and a full one. Enrolments go
through the services; enrolling again is a no-op there.
"""

import datetime as dt

from django.db.models import F
from django.utils import timezone

from courses.models import CoursePage, LessonPage

from .models import (
    CourseRun,
    Enrollment,
    EnrollmentPolicy,
    Pacing,
    QuizAttempt,
    Submission,
)
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
            # "3박 4일": its four days meet no public holiday, which the timetable
            # blacks out (sessions cancelled, nights shortened): see _clear_of_holidays
            "clear_of_holidays": True,
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
            # what the requests say in 신청 사유, for the approver to read
            "reasons": {
                "learner2@campus.example": "전주에서 어르신 돌봄 사회적협동조합을 "
                "운영합니다. 돌봄 노동자 처우 개선 사례를 함께 나누고 싶습니다.",
                "learner4@campus.example": "완주 지역 돌봄 조합 설립을 준비 중입니다. "
                "조합원 구조를 어떻게 설계할지 배우고 싶습니다.",
            },
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


def _clear_of_holidays(spec: dict, today: dt.date) -> dict:
    """`spec` moved later, day by day, until none of its days is a Korean public
    holiday (the timetable takes holidays out of a run's sessions)."""
    import holidays

    length = spec["ends"] - spec["starts"]
    korean = holidays.KR(years=[today.year, today.year + 1, today.year + 2])
    shift = 0
    while any(
        today + dt.timedelta(days=spec["starts"] + shift + n) in korean
        for n in range(length + 1)
    ):
        shift += 1
    return {**spec, "starts": spec["starts"] + shift, "ends": spec["ends"] + shift}


def _run(course: CoursePage, titles: tuple, spec: dict, today: dt.date) -> CourseRun:
    title_ko, title_en = titles
    if spec.get("clear_of_holidays"):
        spec = _clear_of_holidays(spec, today)
    run = CourseRun.objects.filter(
        course=course, title_ko=title_ko
    ).first() or CourseRun(course=course, title_ko=title_ko)
    run.title_en = title_en
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
    """One run per offering, shown on the Korean and English pages alike (the run
    belongs to the course, its title in both languages); enrolments and progress.
    """
    today = timezone.localdate()
    staff = people[STAFF]
    by_slug: dict[str, dict[str, CoursePage]] = {}
    for course in courses:
        by_slug.setdefault(course.slug, {})[course.locale.language_code] = course
    runs = []
    for slug, specs in RUNS.items():
        for spec in specs:
            run = _run(by_slug[slug]["ko"], spec["title"], spec, today)
            runs.append(run)
            for email, how in spec.get("enrol", []):
                enrollment_create(
                    learner=people[email],
                    run=run,
                    invitation_code=run.invitation_code,
                    source="web" if how == "self" else "csv",
                    actor=staff if how == "staff" else None,
                    reason=spec.get("reasons", {}).get(email, ""),
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


# (quiz slug, learner, answer all questions right?)
QUIZ_ATTEMPTS = [
    (
        "quiz-what-is-a-social-enterprise",
        "learner2@campus.example",
        True,
    ),
    (
        "quiz-what-is-a-social-enterprise",
        "learner@campus.example",
        False,
    ),
    (
        "quiz-reading-financial-statements",
        "learner4@campus.example",
        True,
    ),
]
# (learner, text, rubric levels chosen by the instructor or None for ungraded, feedback)
BUSINESS_PLANS = [
    (
        "learner2@campus.example",
        "우리 팀은 농촌 지역 어르신의 이동 문제를 풀기 위해 마을 단위 공유 차량 "
        "서비스를 운영하려고 합니다. 수혜 대상은 군 지역 70세 이상 어르신이며, "
        "지자체 위탁 운영 수익과 택배 연계 수익을 함께 얻는 구조입니다. 사회적 성과는 "
        "이용 건수와 병원 방문 횟수 변화로 측정하겠습니다.",
        [2, 1, 1, 1],
        "문제 정의가 구체적입니다. 수익 구조에서 위탁 운영 의존도를 낮출 방안과, "
        "성과 측정의 기준선(이용 전 병원 방문 횟수)을 보완해 주세요.",
    ),
    (
        "learner3@campus.example",
        "폐현수막을 재활용해 장바구니와 공구 가방을 만드는 자활기업 모델입니다. "
        "지역 자활센터 참여자 10명을 고용하고, 지자체와 기업의 현수막을 수거해 "
        "제품을 만든 뒤 온라인 판매와 공공구매로 판로를 확보하겠습니다.",
        None,
        "",
    ),
]


def _quiz_answers(quiz, *, right: bool) -> dict:
    from courses.models import QuestionType

    answers = {}
    for link in quiz.quiz_questions.select_related("question"):
        question = link.question
        options = list(question.options.all())
        if question.type == QuestionType.SINGLE:
            chosen = [o for o in options if o.is_correct == right][:1]
            answers[str(question.pk)] = str(chosen[0].pk) if chosen else ""
        elif question.type == QuestionType.MULTIPLE:
            answers[str(question.pk)] = [
                str(o.pk) for o in options if o.is_correct == right
            ]
        elif question.type == QuestionType.TRUE_FALSE:
            value = question.correct_boolean if right else not question.correct_boolean
            answers[str(question.pk)] = "true" if value else "false"
        elif question.type == QuestionType.SHORT_TEXT:
            answers[str(question.pk)] = (
                question.accepted_answer_list[0] if right else "모름"
            )
        else:
            answers[str(question.pk)] = str(question.numeric_answer) if right else "0"
    return answers


def seed_assessment_activity(*, people) -> None:
    """Demo attempts, submissions and a rubric grade, in the Korean runs.

    Run after `seed_learning` and `courses.demo_assessments.seed_assessments`.
    Nothing is added twice: a learner's existing attempt or submission is kept.
    """
    from courses.models import AssignmentPage, QuizPage

    from .services import (
        quiz_attempt_start,
        quiz_attempt_submit,
        submission_create,
        submission_grade,
    )

    for quiz_slug, email, right in QUIZ_ATTEMPTS:
        quiz = QuizPage.objects.filter(
            slug=quiz_slug, locale__language_code="ko"
        ).first()
        learner = people[email]
        if quiz is None or QuizAttempt.objects.filter(learner=learner, quiz=quiz):
            continue
        attempt = quiz_attempt_start(learner=learner, quiz=quiz)
        quiz_attempt_submit(
            attempt=attempt, answers=_quiz_answers(quiz, right=right), learner=learner
        )
    assignment = AssignmentPage.objects.filter(
        slug="business-plan-draft", locale__language_code="ko"
    ).first()
    if assignment is None:
        return
    grader = people["instructor@campus.example"]
    for email, text, levels, feedback in BUSINESS_PLANS:
        learner = people[email]
        if Submission.objects.filter(learner=learner, assignment=assignment).exists():
            continue
        submission = submission_create(
            learner=learner, assignment=assignment, text=text
        )
        if levels is not None:
            submission_grade(
                submission=submission,
                grader=grader,
                rubric_choices=levels,
                feedback=feedback,
            )
