"""Demo quizzes, question banks and assignments for `seed_demo`. Idempotent.

Two formal courses get assessments in both languages: the start-up course a
quiz on what a social enterprise is and a business-plan assignment graded by a
rubric; the cooperative accounting course a quiz with a numeric question.
Questions are found by course and text, pages by slug under their module.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from lms.core.demo_data import page_upsert

from .models import (
    AssignmentPage,
    CourseModulePage,
    CoursePage,
    GradeCategory,
    LatePolicy,
    Question,
    QuestionOption,
    QuestionType,
    QuizPage,
    QuizPageQuestion,
    ShowAnswers,
    SubmissionType,
)

# (type, points, {"ko": (text, explanation, answer), "en": (…)}); the answer is
# [(option, correct)…] for choice questions, a bool, accepted answers or a number
STARTUP_QUESTIONS = [
    (
        QuestionType.SINGLE,
        1,
        {
            "ko": (
                "사회적기업을 가장 잘 설명한 것은?",
                "사회적기업은 사회적 목적을 우선하면서 영업 활동으로 수익을 내는 "
                "기업입니다.",
                [
                    ("사회적 목적을 우선하며 영업 활동으로 수익을 내는 기업", True),
                    ("정부 보조금만으로 운영되는 비영리 단체", False),
                    ("이윤을 주주에게 최대한 배당하는 주식회사", False),
                ],
            ),
            "en": (
                "Which best describes a social enterprise?",
                "A social enterprise puts its social purpose first and earns its "
                "income by trading.",
                [
                    (
                        "A business that puts a social purpose first and earns by trading",
                        True,
                    ),
                    ("A non-profit run on government grants alone", False),
                    ("A company that pays out as much profit as it can", False),
                ],
            ),
        },
    ),
    (
        QuestionType.MULTIPLE,
        2,
        {
            "ko": (
                "우리나라 사회적경제의 대표적인 주체를 모두 고르세요.",
                "사회적기업, 협동조합, 마을기업, 자활기업이 대표적인 주체입니다.",
                [
                    ("협동조합", True),
                    ("마을기업", True),
                    ("자활기업", True),
                    ("대기업 계열사", False),
                ],
            ),
            "en": (
                "Choose every main actor of Korea's social economy.",
                "Social enterprises, cooperatives, village enterprises and "
                "self-reliance enterprises are the main actors.",
                [
                    ("Cooperatives", True),
                    ("Village enterprises", True),
                    ("Self-reliance enterprises", True),
                    ("Subsidiaries of large conglomerates", False),
                ],
            ),
        },
    ),
    (
        QuestionType.TRUE_FALSE,
        1,
        {
            "ko": (
                "사회적기업은 영업 활동으로 수익을 내서는 안 된다.",
                "수익을 내는 영업 활동은 사회적기업 인증 요건 가운데 하나입니다.",
                False,
            ),
            "en": (
                "A social enterprise must not earn income by trading.",
                "Trading income is one of the certification requirements.",
                False,
            ),
        },
    ),
    (
        QuestionType.SHORT_TEXT,
        1,
        {
            "ko": (
                "협동조합의 의결 원칙을 네 글자로 쓰세요. (예: ○○○○)",
                "협동조합은 출자 규모와 관계없이 조합원 1인 1표로 의결합니다.",
                "1인1표\n일인일표",
            ),
            "en": (
                "How many votes does each member of a cooperative have?",
                "One member, one vote, whatever their share.",
                "one\n1\none vote",
            ),
        },
    ),
]

ACCOUNTING_QUESTIONS = [
    (
        QuestionType.NUMERIC,
        2,
        {
            "ko": (
                "매출 1,200만 원, 비용 900만 원일 때 영업이익률은 몇 %입니까?",
                "영업이익 300만 원 ÷ 매출 1,200만 원 = 25%입니다.",
                Decimal("25"),
            ),
            "en": (
                "With sales of 12 million won and costs of 9 million won, what is "
                "the operating margin in %?",
                "Operating profit of 3 million ÷ sales of 12 million = 25%.",
                Decimal("25"),
            ),
        },
    ),
    (
        QuestionType.SINGLE,
        1,
        {
            "ko": (
                "협동조합이 적립해야 하는 법정적립금은 잉여금의 얼마 이상입니까?",
                "협동조합 기본법은 잉여금의 10/100 이상을 법정적립금으로 적립하도록 "
                "정합니다.",
                [("10% 이상", True), ("1% 이상", False), ("50% 이상", False)],
            ),
            "en": (
                "How much of its surplus must a cooperative set aside as a legal "
                "reserve?",
                "The Framework Act on Cooperatives asks for at least 10 percent.",
                [
                    ("At least 10%", True),
                    ("At least 1%", False),
                    ("At least 50%", False),
                ],
            ),
        },
    ),
]

QUIZZES = [
    {
        "course": "social-enterprise-startup-basics",
        "module": "what-is-a-social-enterprise",
        "slug": "quiz-what-is-a-social-enterprise",
        "questions": STARTUP_QUESTIONS,
        "attempts": 2,
        "minutes": 15,
        "pass_mark": 60,
        "ko": (
            "1주차 확인 퀴즈",
            "<p>1주차 내용을 확인하는 퀴즈입니다. 두 번까지 응시할 수 있고, 15분 안에 제출해야 합니다.</p>",
        ),
        "en": (
            "Week 1 check quiz",
            "<p>A quiz on week 1. You have two attempts and 15 minutes for each.</p>",
        ),
    },
    {
        "course": "cooperative-accounting-and-finance",
        "module": "reading-financial-statements",
        "slug": "quiz-reading-financial-statements",
        "questions": ACCOUNTING_QUESTIONS,
        "attempts": 0,
        "minutes": None,
        "pass_mark": 50,
        "ko": (
            "재무제표 읽기 퀴즈",
            "<p>재무제표를 읽고 간단한 비율을 계산해 봅니다. 횟수 제한 없이 응시할 수 있습니다.</p>",
        ),
        "en": (
            "Reading financial statements quiz",
            "<p>Read a statement and work out simple ratios. Take it as often as you like.</p>",
        ),
    },
]

RUBRIC = {
    "ko": [
        ("문제 정의", [("미흡", 0), ("보통", 10), ("우수", 20)]),
        ("비즈니스 모델", [("미흡", 0), ("보통", 15), ("우수", 30)]),
        ("사회적 성과 측정 계획", [("미흡", 0), ("보통", 15), ("우수", 30)]),
        ("실행 계획과 재원", [("미흡", 0), ("우수", 20)]),
    ],
    "en": [
        ("Problem definition", [("Weak", 0), ("Fair", 10), ("Strong", 20)]),
        ("Business model", [("Weak", 0), ("Fair", 15), ("Strong", 30)]),
        (
            "Plan to measure social outcomes",
            [("Weak", 0), ("Fair", 15), ("Strong", 30)],
        ),
        ("Action plan and funding", [("Weak", 0), ("Strong", 20)]),
    ],
}

ASSIGNMENTS = [
    {
        "course": "social-enterprise-startup-basics",
        "module": "getting-ready-to-start",
        "slug": "business-plan-draft",
        "due_days": 21,
        "ko": (
            "사업계획서 초안 제출",
            [
                "지금까지 만든 사회적 비즈니스 모델 캔버스를 바탕으로 사업계획서 초안을 "
                "작성해 제출하세요. 한글(hwp, hwpx), 워드(docx) 또는 PDF 파일로 올리거나 "
                "본문에 직접 써도 됩니다.",
                "해결하려는 사회문제, 수혜 대상, 수익 구조, 사회적 성과를 어떻게 측정할지, "
                "첫해의 실행 계획과 필요한 재원을 담아 주세요. 마감 후에는 하루마다 10%씩 "
                "감점합니다.",
            ],
        ),
        "en": (
            "Business plan draft",
            [
                "Write a first draft of your business plan from the social business "
                "model canvas you have built, and hand it in as a file (hwp, hwpx, "
                "docx or PDF) or as text.",
                "Cover the social problem, who benefits, how you earn money, how you "
                "will measure your social outcomes, and your first year's plan and "
                "funding. Work handed in late loses 10% per day.",
            ],
        ),
    },
]


def _question(course: CoursePage, kind, points, text, explanation, answer) -> Question:
    question, _ = Question.objects.get_or_create(
        course=course, text=text, defaults={"type": kind, "points": points}
    )
    question.type = kind
    question.points = points
    question.explanation = explanation
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        if [(o.text, o.is_correct) for o in question.options.all()] != answer:
            question.options.all().delete()
            for order, (option, correct) in enumerate(answer):
                QuestionOption.objects.create(
                    question=question, text=option, is_correct=correct, sort_order=order
                )
    elif kind == QuestionType.TRUE_FALSE:
        question.correct_boolean = answer
    elif kind == QuestionType.SHORT_TEXT:
        question.accepted_answers = answer
    else:
        question.numeric_answer = answer
        question.numeric_tolerance = Decimal("0.5")
    question.save()
    return question


def _module(course: CoursePage, slug: str) -> CourseModulePage:
    return CourseModulePage.objects.child_of(course).get(slug=slug)


def _courses(courses: list[CoursePage]) -> dict[tuple[str, str], CoursePage]:
    return {(course.slug, course.locale.language_code): course for course in courses}


def seed_assessments(*, courses: list[CoursePage]) -> list:
    """Quizzes (with their question banks) and assignments for the demo courses."""
    by_key = _courses(courses)
    pages = []
    for spec in QUIZZES:
        source = None
        for code in ("ko", "en"):
            course = by_key.get((spec["course"], code))
            if course is None:
                continue
            title, intro = spec[code]
            questions = [
                _question(course, kind, points, *texts[code])
                for kind, points, texts in spec["questions"]
            ]
            quiz = page_upsert(
                _module(course, spec["module"]),
                QuizPage,
                spec["slug"],
                course.locale,
                source,
                title=title,
                intro=intro,
                grade_category=GradeCategory.QUIZ,
                max_points=Decimal(100),
                pass_mark=spec["pass_mark"],
                attempts_allowed=spec["attempts"],
                time_limit_minutes=spec["minutes"],
                shuffle_options=True,
                show_answers=ShowAnswers.AFTER_LAST_ATTEMPT,
                quiz_questions=[
                    QuizPageQuestion(question=question, sort_order=order)
                    for order, question in enumerate(questions)
                ],
            )
            source = source or quiz
            pages.append(quiz)
    today = timezone.localdate()
    for spec in ASSIGNMENTS:
        source = None
        due = timezone.make_aware(
            dt.datetime.combine(
                today + dt.timedelta(days=spec["due_days"]), dt.time(18)
            )
        )
        for code in ("ko", "en"):
            course = by_key.get((spec["course"], code))
            if course is None:
                continue
            title, paragraphs = spec[code]
            rubric = [
                (
                    "criterion",
                    {
                        "criterion": criterion,
                        "levels": [
                            {
                                "label": label,
                                "points": Decimal(points),
                                "description": "",
                            }
                            for label, points in levels
                        ],
                    },
                )
                for criterion, levels in RUBRIC[code]
            ]
            assignment = page_upsert(
                _module(course, spec["module"]),
                AssignmentPage,
                spec["slug"],
                course.locale,
                source,
                title=title,
                instructions=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
                submission_type=SubmissionType.TEXT_AND_FILE,
                allowed_extensions="pdf,docx,hwp,hwpx",
                max_file_mb=10,
                due_at=due,
                late_policy=LatePolicy.PENALTY,
                late_penalty_percent=10,
                allow_resubmission=True,
                rubric=rubric,
                grade_category=GradeCategory.ASSIGNMENT,
                max_points=Decimal(100),
                pass_mark=60,
            )
            source = source or assignment
            pages.append(assignment)
    return pages
