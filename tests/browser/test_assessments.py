"""Assessments in a real browser: a quiz, an assignment, rubric grading, completion.

A learner takes a quiz and hands in an assignment with a file; the instructor
grades it from the grading queue by the rubric; the learner sees the grade and
the course becomes complete. The course is made with the test factories: one
required quiz and one required assignment, and no required lessons.
"""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from lms.accounts.demo import DEMO_PASSWORD

from .conftest import consented

RUBRIC = [
    {
        "type": "criterion",
        "value": {
            "criterion": "문제 정의",
            "levels": [
                {"label": "미흡", "points": "0", "description": ""},
                {"label": "우수", "points": "50", "description": ""},
            ],
        },
    },
    {
        "type": "criterion",
        "value": {
            "criterion": "실행 계획",
            "levels": [
                {"label": "미흡", "points": "0", "description": ""},
                {"label": "보통", "points": "25", "description": ""},
                {"label": "우수", "points": "50", "description": ""},
            ],
        },
    },
]
# a minimal, well-formed PDF: the upload check looks at the content, not the name
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def assessed_course(live_server, tmp_path, settings):
    """A course with a quiz (single choice + short text) and a rubric assignment,
    an active learner and the course's instructor, all with the demo password."""
    from django.contrib.auth.models import Group
    from django.core.files.storage import storages

    from courses.models import (
        AssignmentPage,
        CourseModulePage,
        CoursePageInstructor,
        Question,
        QuestionOption,
        QuestionType,
        QuizPage,
        QuizPageQuestion,
        SubmissionType,
    )
    from lms.learning.models import CourseRun

    from ..factories import (
        CourseRunFactory,
        EnrollmentFactory,
        UserFactory,
        catalog_create,
        course_tree_create,
    )

    private = storages["private"]
    private._location = str(tmp_path / "private")
    for name in ("base_location", "location"):
        private.__dict__.pop(name, None)

    course = course_tree_create(index=catalog_create(), lessons=1)
    module = CourseModulePage.objects.child_of(course).get()
    quiz = QuizPage(
        title="협동조합 퀴즈",
        slug="coop-quiz",
        grade_category="quiz",
        attempts_allowed=2,
        pass_mark=60,
    )
    module.add_child(instance=quiz)
    single = Question.objects.create(
        course=course, type=QuestionType.SINGLE, text="협동조합의 의결 원칙은?"
    )
    QuestionOption.objects.create(question=single, text="1인 1표", is_correct=True)
    QuestionOption.objects.create(question=single, text="1주 1표", is_correct=False)
    short = Question.objects.create(
        course=course,
        type=QuestionType.SHORT_TEXT,
        text="사회적 투자수익률의 영문 약자는?",
        accepted_answers="SROI",
    )
    for order, question in enumerate([single, short]):
        QuizPageQuestion.objects.create(page=quiz, question=question, sort_order=order)
    assignment = AssignmentPage(
        title="사업계획서 초안",
        slug="business-plan",
        grade_category="assignment",
        submission_type=SubmissionType.TEXT_AND_FILE,
        allowed_extensions="pdf",
        max_points=Decimal(100),
        pass_mark=60,
        rubric=RUBRIC,
        instructions=[("paragraph", "<p>초안을 올려 주세요.</p>")],
    )
    module.add_child(instance=assignment)

    run = CourseRunFactory(course=course, completion_requires_lessons=False)
    learner = consented(UserFactory(email="quiz.learner@campus.example"))
    learner.set_password(DEMO_PASSWORD)
    learner.save()
    EnrollmentFactory(run=run, learner=learner)
    instructor = consented(UserFactory(email="grader@campus.example"))
    instructor.set_password(DEMO_PASSWORD)
    instructor.save()
    instructor.groups.add(Group.objects.get(name="Instructor"))
    CoursePageInstructor.objects.create(page=course, user=instructor)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(PDF)
    return {
        "url": live_server.url,
        "course": course,
        "quiz": quiz,
        "assignment": assignment,
        "run": CourseRun.objects.get(pk=run.pk),
        "learner": learner,
        "instructor": instructor,
        "pdf": pdf,
    }


def _submit(locator):
    with locator.page.expect_navigation() as navigation:
        locator.click()
    return navigation.value


def _log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    assert _submit(page.locator("main form button[type=submit]")).status == 200
    assert page.locator("nav.account-nav details.personal-menu").count()


def test_quiz_assignment_grading_and_completion(browser, assessed_course):
    from lms.learning.models import Enrollment, EnrollmentStatus

    base = assessed_course["url"]
    quiz, assignment = assessed_course["quiz"], assessed_course["assignment"]

    learner_page = browser.new_context(locale="ko-KR").new_page()
    learner_page.set_default_timeout(10_000)
    _log_in(learner_page, base, assessed_course["learner"].email)

    # the quiz: start, answer (full-width letters count), submit, see the result
    learner_page.goto(base + quiz.url)
    assert _submit(learner_page.get_by_role("button", name="퀴즈 시작")).status == 200
    learner_page.get_by_label("1인 1표").check()
    learner_page.locator("input[type=text]").fill("ｓｒｏｉ")
    assert _submit(learner_page.get_by_role("button", name="답안 제출")).status == 200
    assert urlsplit(learner_page.url).path.endswith("/result/")
    assert "100%" in learner_page.locator("main").inner_text()

    # the assignment: a written answer and a PDF
    learner_page.goto(base + assignment.url)
    learner_page.fill("textarea[name=text]", "지역 돌봄 협동조합 설립 계획입니다.")
    learner_page.set_input_files("input[type=file]", str(assessed_course["pdf"]))
    assert _submit(learner_page.get_by_role("button", name="제출", exact=True)).status
    assert "과제를 제출했습니다." in learner_page.locator(".messages").inner_text()
    enrollment = Enrollment.objects.get(learner=assessed_course["learner"])
    assert enrollment.status == EnrollmentStatus.ACTIVE  # the assignment is ungraded

    # the instructor grades it from the queue, by the rubric
    teacher_page = browser.new_context(locale="ko-KR").new_page()
    teacher_page.set_default_timeout(10_000)
    _log_in(teacher_page, base, assessed_course["instructor"].email)
    teacher_page.goto(base + "/learn/teaching/")
    with teacher_page.expect_navigation():
        teacher_page.get_by_role("link", name="채점 대기열").first.click()
    with teacher_page.expect_navigation():
        teacher_page.get_by_role("link", name="성적", exact=True).first.click()
    teacher_page.locator("input[name=criterion-0][value='1']").check()
    teacher_page.locator("input[name=criterion-1][value='1']").check()
    teacher_page.fill("textarea[name=feedback]", "실행 계획을 더 구체적으로 써 주세요.")
    _submit(teacher_page.get_by_role("button", name="저장하고 다음으로"))
    assert "더 기다리는 제출물이 없습니다." in teacher_page.content()

    # the learner sees the grade, the feedback and the completed course
    learner_page.goto(base + assignment.url)
    body = learner_page.locator("main").inner_text()
    assert "75" in body and "실행 계획을 더 구체적으로 써 주세요." in body
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.COMPLETED
    learner_page.goto(base + f"/learn/enrollments/{enrollment.pk}/grades/")
    grades = learner_page.locator("main").inner_text()
    # quizzes weigh 40% and assignments 60%: 0.4 × 100 + 0.6 × 75
    assert "수료" in grades and "85" in grades  # completed (glossary: 수료)
