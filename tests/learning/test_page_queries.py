"""SQL query counts of the learner and instructor pages do not grow with rows.

Each page is built small, requested once to warm the site and locale caches,
and counted on a second request; then many more rows of what the page lists
are added and the same pinned count must hold. Large rows go in with
`bulk_create` and `pages_bulk_create`, so the module stays fast.

The anonymous course page is requested with a fresh query string each time, so
that the anonymous page cache (lms/core/page_cache.py) answers none of them.
"""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from courses.models import (
    AssignmentPage,
    CourseModulePage,
    CoursePage,
    CoursePageInstructor,
    LessonPage,
    LibraryResource,
    LibraryResourceTag,
    Question,
    QuestionOption,
    QuestionType,
    QuizPage,
    QuizPageQuestion,
    ShowAnswers,
)
from lms.accounts.models import User
from lms.core.page_cache import page_cache_clear
from lms.learning.models import (
    AssignmentExtension,
    Bookmark,
    CourseRun,
    Enrollment,
    EnrollmentPolicy,
    EnrollmentStatus,
    GradeOverride,
    LessonProgress,
    QuizAttempt,
    QuizAttemptStatus,
    Submission,
    SubmissionStatus,
)
from lms.learning.services import quiz_attempt_start, quiz_attempt_submit

from ..factories import (
    CourseCategoryFactory,
    OrganizationFactory,
    UserFactory,
    pages_bulk_create,
)
from ..http import response_body

pytestmark = pytest.mark.django_db

# After a first request warmed the caches. What every visitor sees alike is
# then kept until content changes (lms/core/page_cache.py, version_cached): the
# site, where each URL leads (the specific page with its parents), the view
# restrictions, each course's outline, the main menu and a page's translations.
# So "routing" to a Wagtail page costs one query, Wagtail's active locale, and
# base.html none. "Gate" is lesson_access_allowed: staff group, teaches the
# course, enrolled. The first request after a change rebuilds what was kept;
# the *_COLD counts pin that too.

# routing (1); instructors with their users, upcoming runs, the reading list
COURSE_ANONYMOUS_QUERIES = 4
# the first request after a change: the site with its home page's specific row
# (2), the locale, the catalog and its specific row (2), the course with its
# category (1: SpecificChildRouteMixin), the ancestors' alias check and their
# view restrictions (2), the outline (4: modules, lessons, quizzes,
# assignments), instructors, runs; for base.html the root's locale, the menu
# pages and their view restrictions (3), the staff's menu and footer links (the
# site navigation), the course's translations, and the reading list
COURSE_ANONYMOUS_COLD_QUERIES = 20
# the same, and session and user, the enrolment with its run, the gate (3:
# can_manage reuses its "teaches the course"), the learner's progress records
COURSE_LEARNER_QUERIES = COURSE_ANONYMOUS_QUERIES + 7
# routing (1) and the lesson's course; session and user; gate (3); the lesson's
# progress record read and its last view written (2); the course's progress
# records; saved?; the cohort gate of social learning (is the lesson kept for
# some cohorts?)
LESSON_QUERIES = 12
# session and user, the course, gate (3), progress records, the enrolment (whose
# completion requirements the page lists once the lessons are done)
COURSE_PROGRESS_QUERIES = 8
# routing (1) and the quiz's course, session and user, gate (3), the learner's
# attempts, the quiz's question count, the cohort gate
QUIZ_PAGE_QUERIES = 10
# session and user, the attempt with its quiz, its questions, their options
QUIZ_ATTEMPT_QUERIES = 5
# the same (answers are shown after each attempt: no count of attempts used)
QUIZ_RESULT_QUERIES = 5
# routing (1) and the assignment's course, session and user, gate (3), the
# gate again from the page context (enrolled; "teaches" is remembered), the
# learner's extension, their versions, the cohort gate
ASSIGNMENT_PAGE_QUERIES = 11
# session and user, the submission with learner, assignment and grader, staff
# group, the assignment's course, teaches it, the learner's versions
SUBMISSION_GRADE_QUERIES = 7
# session and user, the assignment, staff group, its course, teaches it, the
# extensions with learners and granters, the learners to choose
ASSIGNMENT_EXTENSION_QUERIES = 8
# session and user (staff: no group query), the pending enrolments with
# learners, organizations, runs and courses
APPROVALS_QUERIES = 3
# session and user, the enrolment with learner, organization, run and course;
# the gradebook row: quizzes, assignments, best attempts, graded submissions,
# overrides (5); completion_status reuses that row and the cached outline,
# then the progress records (1)
ENROLLMENT_GRADES_QUERIES = 9
# session and user, the run with its course, staff group, teaches it, the
# enrolment with learner, organization, run and course, its gradebook row (5),
# the history of this grade with learners, setters and items
GRADE_OVERRIDE_QUERIES = 12
# session and user, the run with its course, staff group, teaches it, the run's
# overrides with learners, setters and items
GRADE_HISTORY_QUERIES = 6
# folders readable by everybody, the count, categories, one page of resources
# with category and file, their tags
LIBRARY_ANONYMOUS_QUERIES = 5
# session and user, the user's readable folders (filer), the count, the saved
# resources, categories, one page of resources, their tags
LIBRARY_LEARNER_QUERIES = 8
# folders readable by everybody, the resource with category and file, its tags
LIBRARY_RESOURCE_ANONYMOUS_QUERIES = 3
# the same with session and user
LIBRARY_RESOURCE_LEARNER_QUERIES = LIBRARY_RESOURCE_ANONYMOUS_QUERIES + 2
# session and user, the run with its course, staff group, teaches it, the
# enrolments with learners and organizations (no template: no base)
RUN_ROSTER_QUERIES = 6

_unique = itertools.count(1)


def _get_counted(
    client, url, django_assert_num_queries, expected, *, fresh=False, cold=False
):
    """GET `url` once to warm the caches, then count a second GET.

    `fresh`: a new query string on each request, so that no anonymous page
    cache entry answers it. `cold`: content changed in between, so that every
    part kept until then is rebuilt.
    """

    def target():
        return f"{url}?v={next(_unique)}" if fresh else url

    client.get(target())
    if cold:
        page_cache_clear()
    with django_assert_num_queries(expected):
        response = client.get(target())
        response_body(response)  # a streamed export's rows are fetched as it streams
    assert response.status_code == 200
    return response


def _text(response) -> str:
    return response_body(response).decode()


# --- rows in bulk ----------------------------------------------------------------


def _users_create(prefix: str, count: int, *, organization=None) -> list[User]:
    User.objects.bulk_create(
        User(
            email=f"{prefix}{n}@example.org",
            name_ko=f"{prefix}학습자{n}",
            password="!",
            organization=organization if n % 2 else None,
        )
        for n in range(count)
    )
    return list(User.objects.filter(email__startswith=prefix).order_by("pk"))


def _lessons_add(
    *, course, modules: int, lessons: int, assessments: bool = False
) -> list[LessonPage]:
    """`modules` new modules of `lessons` lessons each at the end of `course`,
    and with `assessments` a quiz and an assignment after each module's lessons.
    Returns the lessons."""
    tag = next(_unique)
    created = pages_bulk_create(
        parent=course,
        model=CourseModulePage,
        rows=[
            {"title": f"추가 모듈 {tag}-{m}", "slug": f"extra-module-{tag}-{m}"}
            for m in range(modules)
        ],
    )
    added = []
    for module in created:
        added += pages_bulk_create(
            parent=module,
            model=LessonPage,
            rows=[
                {
                    "title": f"추가 차시 {module.pk}-{n}",
                    "slug": f"extra-lesson-{module.pk}-{n}",
                    "body": [("paragraph", "<p>본문</p>")],
                    "is_required": n % 4 != 3,
                }
                for n in range(lessons)
            ],
        )
        if assessments:
            pages_bulk_create(
                parent=module,
                model=QuizPage,
                rows=[
                    {
                        "title": f"추가 퀴즈 {module.pk}",
                        "slug": f"extra-quiz-{module.pk}",
                        "grade_category": "quiz",
                    }
                ],
            )
            pages_bulk_create(
                parent=module,
                model=AssignmentPage,
                rows=[
                    {
                        "title": f"추가 과제 {module.pk}",
                        "slug": f"extra-assignment-{module.pk}",
                        "grade_category": "assignment",
                        "instructions": [("paragraph", "<p>제출하세요.</p>")],
                    }
                ],
            )
    return added


def _progress_add(*, learner, course, lessons) -> None:
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(
            learner=learner,
            lesson=lesson,
            course_id=course.pk,
            completed_at=now if n % 2 == 0 else None,
        )
        for n, lesson in enumerate(lessons)
    )


def _runs_add(*, course, count: int, policy: str | None = None) -> list[CourseRun]:
    """`count` upcoming runs: every policy, limited and unlimited seats, some
    with enrolment not yet open (unless `policy` is given)."""
    today = timezone.localdate()
    now = timezone.now()
    policies = list(EnrollmentPolicy)
    return CourseRun.objects.bulk_create(
        CourseRun(
            course=course,
            title=f"추가 {n}기",
            starts_on=today + timedelta(days=7 + n),
            ends_on=today + timedelta(days=60 + n),
            capacity=30 if n % 2 else None,
            seats_taken=n % 30 if n % 2 else 0,
            enrollment_policy=policy or policies[n % 3],
            enrollment_opens_at=now + timedelta(days=1) if n % 5 == 4 else None,
        )
        for n in range(count)
    )


def _instructors_add(*, course, count: int) -> None:
    users = _users_create(f"teacher{next(_unique)}-", count)
    CoursePageInstructor.objects.bulk_create(
        CoursePageInstructor(page=course, user=user, role="강사", sort_order=n)
        for n, user in enumerate(users)
    )


def _lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


# --- 1. the course page ------------------------------------------------------------


def _course_grow(course, *, learner=None) -> None:
    """30 more runs; 5 more modules, each of 10 lessons, a quiz and an
    assignment; 10 more instructors; and progress through half the new lessons."""
    _runs_add(course=course, count=30)
    lessons = _lessons_add(course=course, modules=5, lessons=10, assessments=True)
    _instructors_add(course=course, count=10)
    if learner is not None:
        _progress_add(learner=learner, course=course, lessons=lessons)


def test_course_page_queries_do_not_grow_with_runs_lessons_instructors_anonymous(
    client, course, run, course_instructor, django_assert_num_queries
):
    response = _get_counted(
        client,
        course.url,
        django_assert_num_queries,
        COURSE_ANONYMOUS_QUERIES,
        fresh=True,
    )
    assert len(response.context["runs"]) == 1
    assert run.title in _text(response)

    _course_grow(course)
    response = _get_counted(
        client,
        course.url,
        django_assert_num_queries,
        COURSE_ANONYMOUS_QUERIES,
        fresh=True,
    )
    text = _text(response)
    assert len(response.context["runs"]) == 31
    assert "추가 29기" in text
    assert len(response.context["instructors"]) == 11
    outline = response.context["outline"]
    assert len(outline.lessons) == 52
    assert sum(len(module.items) for module in outline.modules) == 62
    assert "추가 차시" in text and "추가 과제" in text
    assert response.get("X-Campus-Cache") != "hit"


def test_course_page_first_request_after_a_change_does_not_grow_either(
    client, course, run, course_instructor, django_assert_num_queries
):
    """What the cache kept is rebuilt in the same queries, however big the course."""
    response = _get_counted(
        client,
        course.url,
        django_assert_num_queries,
        COURSE_ANONYMOUS_COLD_QUERIES,
        fresh=True,
        cold=True,
    )
    assert len(response.context["outline"].lessons) == 2

    _course_grow(course)
    response = _get_counted(
        client,
        course.url,
        django_assert_num_queries,
        COURSE_ANONYMOUS_COLD_QUERIES,
        fresh=True,
        cold=True,
    )
    assert len(response.context["outline"].lessons) == 52
    assert "추가 차시" in _text(response)


def test_course_page_queries_do_not_grow_with_runs_lessons_instructors_learner(
    client, course, active_enrollment, course_instructor, django_assert_num_queries
):
    learner = active_enrollment.learner
    _progress_add(learner=learner, course=course, lessons=_lessons_of(course)[:1])
    client.force_login(learner)
    response = _get_counted(
        client, course.url, django_assert_num_queries, COURSE_LEARNER_QUERIES
    )
    assert response.context["enrollment"] == active_enrollment
    assert response.context["progress"].percent == 50

    _course_grow(course, learner=learner)
    response = _get_counted(
        client, course.url, django_assert_num_queries, COURSE_LEARNER_QUERIES
    )
    assert len(response.context["runs"]) == 31
    assert len(response.context["instructors"]) == 11
    assert len(response.context["progress"].completed_ids) == 26
    assert "추가 차시" in _text(response)


# --- 2. a lesson ---------------------------------------------------------------------


def test_lesson_page_queries_do_not_grow_with_lessons_in_the_course(
    client, course, active_enrollment, django_assert_num_queries
):
    learner = active_enrollment.learner
    lesson = _lessons_of(course)[0]
    client.force_login(learner)
    response = _get_counted(
        client, lesson.url, django_assert_num_queries, LESSON_QUERIES
    )
    assert response.context["lesson_count"] == 2
    assert lesson.title in _text(response)

    _progress_add(
        learner=learner,
        course=course,
        lessons=_lessons_add(course=course, modules=5, lessons=20),
    )
    response = _get_counted(
        client, lesson.url, django_assert_num_queries, LESSON_QUERIES
    )
    assert response.context["lesson_count"] == 102
    assert response.context["next_lesson"].title in _text(response)


# --- 3. course progress --------------------------------------------------------------


def test_course_progress_queries_do_not_grow_with_lessons_and_progress(
    client, course, active_enrollment, django_assert_num_queries
):
    learner = active_enrollment.learner
    _progress_add(learner=learner, course=course, lessons=_lessons_of(course))
    client.force_login(learner)
    url = reverse("learning:course-progress", args=[course.pk])
    response = _get_counted(
        client, url, django_assert_num_queries, COURSE_PROGRESS_QUERIES
    )
    assert response.context["progress"].percent == 50

    _progress_add(
        learner=learner,
        course=course,
        lessons=_lessons_add(course=course, modules=5, lessons=20),
    )
    response = _get_counted(
        client, url, django_assert_num_queries, COURSE_PROGRESS_QUERIES
    )
    assert len(response.context["progress"].completed_ids) == 51
    assert "추가 차시" in _text(response)


# --- 4-6. quizzes --------------------------------------------------------------------


QUESTION_TYPES = [
    QuestionType.SINGLE,
    QuestionType.MULTIPLE,
    QuestionType.TRUE_FALSE,
    QuestionType.NUMERIC,
    QuestionType.SHORT_TEXT,
]
CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE}


def _questions_add(*, course, quiz, count: int, options: int = 4) -> list[Question]:
    """`count` questions on `quiz`, of every type in turn; the choice questions
    with `options` options each, the first one correct."""
    start = Question.objects.filter(course=course).count()
    Question.objects.bulk_create(
        Question(
            course=course,
            type=QUESTION_TYPES[n % len(QUESTION_TYPES)],
            text=f"문항 {start + n}",
            explanation=f"해설 {start + n}",
            correct_boolean=True,
            numeric_answer=Decimal(n),
            accepted_answers="사회적경제",
        )
        for n in range(count)
    )
    questions = list(
        Question.objects.filter(course=course).order_by("pk")[start : start + count]
    )
    QuestionOption.objects.bulk_create(
        QuestionOption(
            question=question,
            text=f"보기 {question.pk}-{k}",
            is_correct=k == 0,
            sort_order=k,
        )
        for question in questions
        if question.type in CHOICE_TYPES
        for k in range(options)
    )
    order = QuizPageQuestion.objects.filter(page=quiz).count()
    QuizPageQuestion.objects.bulk_create(
        QuizPageQuestion(page=quiz, question=question, sort_order=order + n)
        for n, question in enumerate(questions)
    )
    return questions


@pytest.fixture
def open_quiz(course, grade_item_add):
    """A quiz with no attempt limit, answers shown after each attempt."""
    return grade_item_add(
        "quiz", attempts_allowed=0, pass_mark=60, show_answers=ShowAnswers.AFTER_SUBMIT
    )


def _attempts_add(*, learner, quiz, count: int) -> None:
    start = QuizAttempt.objects.filter(learner=learner, quiz=quiz).count()
    now = timezone.now()
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            learner=learner,
            quiz=quiz,
            number=start + n + 1,
            status=QuizAttemptStatus.SUBMITTED,
            started_at=now - timedelta(hours=n + 1),
            submitted_at=now - timedelta(hours=n),
            score=Decimal(n % 4),
            max_score=Decimal(3),
            percent=Decimal(((n % 4) * 100) // 3),
            passed=(n % 4) >= 2,
        )
        for n in range(count)
    )


def test_quiz_page_queries_do_not_grow_with_attempts(
    client, course, open_quiz, active_enrollment, django_assert_num_queries
):
    learner = active_enrollment.learner
    _questions_add(course=course, quiz=open_quiz, count=3)
    _attempts_add(learner=learner, quiz=open_quiz, count=2)
    client.force_login(learner)
    response = _get_counted(
        client, open_quiz.url, django_assert_num_queries, QUIZ_PAGE_QUERIES
    )
    assert len(response.context["attempts"]) == 2

    _attempts_add(learner=learner, quiz=open_quiz, count=60)
    quiz_attempt_start(learner=learner, quiz=open_quiz)  # and one open
    response = _get_counted(
        client, open_quiz.url, django_assert_num_queries, QUIZ_PAGE_QUERIES
    )
    assert len(response.context["attempts"]) == 62
    assert response.context["open_attempt"].number == 63
    text = _text(response)
    assert (
        reverse("learning:quiz-result", args=[response.context["attempts"][-1].pk])
        in text
    )
    assert (
        reverse("learning:quiz-attempt", args=[response.context["open_attempt"].pk])
        in text
    )


QUIZ_SIZES = [pytest.param(3, id="3-questions"), pytest.param(60, id="60-questions")]


@pytest.mark.parametrize("questions", QUIZ_SIZES)
def test_quiz_attempt_queries_do_not_grow_with_questions_and_options(
    client, course, open_quiz, active_enrollment, django_assert_num_queries, questions
):
    learner = active_enrollment.learner
    added = _questions_add(course=course, quiz=open_quiz, count=questions)
    attempt = quiz_attempt_start(learner=learner, quiz=open_quiz)
    client.force_login(learner)
    url = reverse("learning:quiz-attempt", args=[attempt.pk])
    response = _get_counted(
        client, url, django_assert_num_queries, QUIZ_ATTEMPT_QUERIES
    )
    shown = response.context["questions"]
    assert len(shown) == questions
    choices = [q for q in added if q.type in CHOICE_TYPES]
    assert sum(len(item.options) for item in shown) == 4 * len(choices)
    text = _text(response)
    assert added[-1].text in text
    assert f"보기 {added[0].pk}-3" in text


def _answer(question, *, right: bool):
    """A right or a wrong answer to `question`, as the attempt form posts it."""
    if question.type in CHOICE_TYPES:
        option = question.options.get(is_correct=right, sort_order__lte=1)
        if question.type == QuestionType.MULTIPLE:
            return [str(option.pk)]
        return str(option.pk)
    if question.type == QuestionType.TRUE_FALSE:
        return "true" if right else "false"
    if question.type == QuestionType.NUMERIC:
        return str(question.numeric_answer) if right else "-1"
    return "사회적경제" if right else "모름"


@pytest.mark.parametrize("questions", QUIZ_SIZES)
def test_quiz_result_queries_do_not_grow_with_questions_and_options(
    client, course, open_quiz, active_enrollment, django_assert_num_queries, questions
):
    learner = active_enrollment.learner
    added = _questions_add(course=course, quiz=open_quiz, count=questions)
    attempt = quiz_attempt_start(learner=learner, quiz=open_quiz)
    answers = {str(q.pk): _answer(q, right=n % 2 == 0) for n, q in enumerate(added)}
    attempt = quiz_attempt_submit(attempt=attempt, answers=answers, learner=learner)
    client.force_login(learner)
    url = reverse("learning:quiz-result", args=[attempt.pk])
    response = _get_counted(client, url, django_assert_num_queries, QUIZ_RESULT_QUERIES)
    assert response.context["show_answers"] is True
    shown = response.context["questions"]
    assert len(shown) == questions
    assert sum(1 for item in shown if item.correct) == (questions + 1) // 2
    text = _text(response)
    assert added[-1].text in text and f"해설 {added[-1].text[3:]}" in text


# --- 7-9. assignments ----------------------------------------------------------------


def _versions_add(*, learner, assignment, count: int, grader) -> list[Submission]:
    """`count` versions of `learner`'s work, the older ones graded and replaced."""
    start = Submission.objects.filter(learner=learner, assignment=assignment).count()
    Submission.objects.filter(learner=learner, assignment=assignment).update(
        status=SubmissionStatus.SUPERSEDED
    )
    now = timezone.now()
    last = start + count
    Submission.objects.bulk_create(
        Submission(
            learner=learner,
            assignment=assignment,
            version=version,
            status=SubmissionStatus.SUBMITTED
            if version == last
            else SubmissionStatus.SUPERSEDED,
            text=f"제출본 {version}번째",
            submitted_at=now - timedelta(minutes=last - version),
            rubric_choices=[] if version == last else [version % 3, version % 2],
            raw_score=None if version == last else Decimal(20),
            score=None if version == last else Decimal(20),
            feedback="" if version == last else f"피드백 {version}",
            graded_by=None if version == last else grader,
            graded_at=None if version == last else now,
        )
        for version in range(start + 1, last + 1)
    )
    return list(
        Submission.objects.filter(learner=learner, assignment=assignment).order_by(
            "version"
        )
    )


@pytest.mark.usefixtures("private_media")
def test_assignment_page_queries_do_not_grow_with_versions(
    client,
    assignment_page,
    assignment_learner,
    assignment_instructor,
    django_assert_num_queries,
):
    _versions_add(
        learner=assignment_learner,
        assignment=assignment_page,
        count=3,
        grader=assignment_instructor,
    )
    client.force_login(assignment_learner)
    response = _get_counted(
        client, assignment_page.url, django_assert_num_queries, ASSIGNMENT_PAGE_QUERIES
    )
    assert len(response.context["assignment"].submissions) == 3

    _versions_add(
        learner=assignment_learner,
        assignment=assignment_page,
        count=40,
        grader=assignment_instructor,
    )
    response = _get_counted(
        client, assignment_page.url, django_assert_num_queries, ASSIGNMENT_PAGE_QUERIES
    )
    assert len(response.context["assignment"].submissions) == 43
    text = _text(response)
    assert "제출본 43번째" in text and "피드백 42" in text


@pytest.mark.usefixtures("private_media")
def test_submission_grade_queries_do_not_grow_with_versions(
    client,
    assignment_page,
    assignment_learner,
    assignment_instructor,
    django_assert_num_queries,
):
    versions = _versions_add(
        learner=assignment_learner,
        assignment=assignment_page,
        count=2,
        grader=assignment_instructor,
    )
    client.force_login(assignment_instructor)
    url = reverse("learning:submission-grade", args=[versions[-1].pk])
    response = _get_counted(
        client, url, django_assert_num_queries, SUBMISSION_GRADE_QUERIES
    )
    assert len(response.context["versions"]) == 2

    versions = _versions_add(
        learner=assignment_learner,
        assignment=assignment_page,
        count=40,
        grader=assignment_instructor,
    )
    url = reverse("learning:submission-grade", args=[versions[-1].pk])
    response = _get_counted(
        client, url, django_assert_num_queries, SUBMISSION_GRADE_QUERIES
    )
    assert len(response.context["versions"]) == 42
    text = _text(response)
    assert "제출본 42번째" in text
    assert reverse("learning:submission-grade", args=[versions[0].pk]) in text


def _extensions_add(*, run, assignment, count: int, granted_by) -> None:
    users = _users_create(
        f"late{next(_unique)}-", count, organization=OrganizationFactory()
    )
    Enrollment.objects.bulk_create(
        Enrollment(learner=user, run=run, status=EnrollmentStatus.ACTIVE)
        for user in users
    )
    AssignmentExtension.objects.bulk_create(
        AssignmentExtension(
            learner=user,
            assignment=assignment,
            due_at=assignment.due_at + timedelta(days=1 + n % 5),
            reason=f"사유 {user.pk}",
            granted_by=granted_by,
        )
        for n, user in enumerate(users)
    )


@pytest.mark.usefixtures("private_media")
def test_assignment_extension_queries_do_not_grow_with_extensions(
    client, run, assignment_page, assignment_instructor, django_assert_num_queries
):
    _extensions_add(
        run=run, assignment=assignment_page, count=2, granted_by=assignment_instructor
    )
    client.force_login(assignment_instructor)
    url = reverse("learning:assignment-extension", args=[assignment_page.pk])
    response = _get_counted(
        client, url, django_assert_num_queries, ASSIGNMENT_EXTENSION_QUERIES
    )
    assert len(response.context["extensions"]) == 2

    _extensions_add(
        run=run, assignment=assignment_page, count=60, granted_by=assignment_instructor
    )
    response = _get_counted(
        client, url, django_assert_num_queries, ASSIGNMENT_EXTENSION_QUERIES
    )
    extensions = list(response.context["extensions"])
    assert len(extensions) == 62
    text = _text(response)
    assert f"사유 {extensions[-1].learner_id}" in text
    assert extensions[-1].learner.name_ko in text  # also a choice of the form


# --- 10. enrolment requests ----------------------------------------------------------


def _pending_add(*, catalog, courses: int, per_course: int) -> None:
    tag = next(_unique)
    pages = pages_bulk_create(
        parent=catalog,
        model=CoursePage,
        rows=[
            {
                "title": f"승인 과정 {tag}-{n}",
                "slug": f"approval-course-{tag}-{n}",
                "summary": "승인제 과정",
                "learning_mode": "formal",
                "delivery": "on_site",
            }
            for n in range(courses)
        ],
    )
    runs = [
        _runs_add(course=page, count=1, policy=EnrollmentPolicy.APPROVAL)[0]
        for page in pages
    ]
    users = _users_create(
        f"pending{tag}-", courses * per_course, organization=OrganizationFactory()
    )
    Enrollment.objects.bulk_create(
        Enrollment(learner=user, run=runs[n % courses], status=EnrollmentStatus.PENDING)
        for n, user in enumerate(users)
    )


def test_approvals_queries_do_not_grow_with_pending_enrolments(
    client, catalog, staff_user, django_assert_num_queries
):
    _pending_add(catalog=catalog, courses=1, per_course=2)
    client.force_login(staff_user)
    url = reverse("learning:approvals")
    response = _get_counted(client, url, django_assert_num_queries, APPROVALS_QUERIES)
    assert len(response.context["pending"]) == 2

    _pending_add(catalog=catalog, courses=6, per_course=15)
    response = _get_counted(client, url, django_assert_num_queries, APPROVALS_QUERIES)
    pending = list(response.context["pending"])
    assert len(pending) == 92
    text = _text(response)
    assert pending[-1].learner.name_ko in text
    assert pending[-1].run.course.title in text


# --- 11-13. grades -------------------------------------------------------------------


def _items_add(*, module, learner, count: int) -> None:
    """`count` quizzes and assignments in `module`, half of them done by `learner`."""
    tag = next(_unique)
    quizzes = pages_bulk_create(
        parent=module,
        model=QuizPage,
        rows=[
            {
                "title": f"퀴즈 {tag}-{n}",
                "slug": f"quiz-{tag}-{n}",
                "grade_category": "quiz",
                "attempts_allowed": 2,
            }
            for n in range(count // 2)
        ],
    )
    assignments = pages_bulk_create(
        parent=module,
        model=AssignmentPage,
        rows=[
            {
                "title": f"과제 {tag}-{n}",
                "slug": f"assignment-{tag}-{n}",
                "grade_category": "assignment",
                "instructions": [("paragraph", "<p>제출하세요.</p>")],
            }
            for n in range(count - count // 2)
        ],
    )
    now = timezone.now()
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            learner=learner,
            quiz=quiz,
            number=1,
            status=QuizAttemptStatus.SUBMITTED,
            submitted_at=now,
            score=Decimal(2),
            max_score=Decimal(3),
            percent=Decimal("66.67"),
            passed=True,
        )
        for quiz in quizzes[::2]
    )
    Submission.objects.bulk_create(
        Submission(
            learner=learner,
            assignment=assignment,
            status=SubmissionStatus.GRADED,
            text="제출합니다.",
            raw_score=Decimal(80),
            score=Decimal(80),
            graded_at=now,
        )
        for assignment in assignments[::2]
    )


def test_enrollment_grades_queries_do_not_grow_with_items(
    client, course_module, active_enrollment, django_assert_num_queries
):
    learner = active_enrollment.learner
    run = active_enrollment.run
    run.completion_min_grade = 60
    run.save()
    _items_add(module=course_module, learner=learner, count=2)
    client.force_login(learner)
    url = reverse("learning:enrollment-grades", args=[active_enrollment.pk])
    response = _get_counted(
        client, url, django_assert_num_queries, ENROLLMENT_GRADES_QUERIES
    )
    cells = [cell for group in response.context["groups"] for cell in group["cells"]]
    assert len(cells) == 2

    _items_add(module=course_module, learner=learner, count=40)
    response = _get_counted(
        client, url, django_assert_num_queries, ENROLLMENT_GRADES_QUERIES
    )
    cells = [cell for group in response.context["groups"] for cell in group["cells"]]
    assert len(cells) == 42
    assert sum(1 for cell in cells if cell.text) == 22
    text = _text(response)
    assert cells[-1].item.page.title in text
    assert response.context["requirements"]


def _overrides_add(*, enrollments, items, per_pair: int, actor) -> None:
    now = timezone.now()
    GradeOverride.objects.bulk_create(
        GradeOverride(
            enrollment=enrollment,
            item=item,
            percent=None if n == per_pair - 1 and n else Decimal(50 + n % 50),
            reason=f"보정 {enrollment.pk}-{item.pk}-{n}",
            created_by=actor,
            created_at=now - timedelta(minutes=per_pair - n),
        )
        for enrollment in enrollments
        for item in items
        for n in range(per_pair)
    )


@pytest.fixture
def graded_run(run, active_enrollment, grade_item_add, course_instructor):
    """`run` with a quiz and an assignment, the learner's attempt at the quiz,
    and one override of it."""
    quiz = grade_item_add("quiz")
    assignment = grade_item_add("assignment")
    QuizAttempt.objects.create(
        learner=active_enrollment.learner,
        quiz=quiz,
        number=1,
        status=QuizAttemptStatus.SUBMITTED,
        submitted_at=timezone.now(),
        score=Decimal(1),
        max_score=Decimal(2),
        percent=Decimal(50),
        passed=False,
    )
    _overrides_add(
        enrollments=[active_enrollment],
        items=[quiz],
        per_pair=1,
        actor=course_instructor,
    )
    return quiz, assignment


def _classmates_add(*, run, count: int) -> list[Enrollment]:
    users = _users_create(
        f"class{next(_unique)}-", count, organization=OrganizationFactory()
    )
    Enrollment.objects.bulk_create(
        Enrollment(learner=user, run=run, status=EnrollmentStatus.ACTIVE)
        for user in users
    )
    return list(
        Enrollment.objects.filter(run=run, learner__in=users)
        .select_related("learner")
        .order_by("pk")
    )


def test_grade_override_form_queries_do_not_grow_with_overrides(
    client,
    run,
    active_enrollment,
    graded_run,
    course_instructor,
    django_assert_num_queries,
):
    quiz, assignment = graded_run
    client.force_login(course_instructor)
    url = reverse(
        "learning:gradebook-override", args=[run.pk, active_enrollment.pk, quiz.pk]
    )
    response = _get_counted(
        client, url, django_assert_num_queries, GRADE_OVERRIDE_QUERIES
    )
    assert len(response.context["entries"]) == 1
    assert response.context["cell"].overridden

    # this grade's history grows, and so do the other grades of the run
    _overrides_add(
        enrollments=[active_enrollment],
        items=[quiz],
        per_pair=40,
        actor=course_instructor,
    )
    _overrides_add(
        enrollments=_classmates_add(run=run, count=20),
        items=[quiz, assignment],
        per_pair=3,
        actor=course_instructor,
    )
    response = _get_counted(
        client, url, django_assert_num_queries, GRADE_OVERRIDE_QUERIES
    )
    entries = response.context["entries"]
    assert len(entries) == 41
    text = _text(response)
    assert entries[0].override.reason in text
    assert entries[-1].override.reason in text


def test_grade_history_queries_do_not_grow_with_overrides(
    client,
    run,
    active_enrollment,
    graded_run,
    course_instructor,
    django_assert_num_queries,
):
    quiz, assignment = graded_run
    client.force_login(course_instructor)
    url = reverse("learning:gradebook-history", args=[run.pk])
    response = _get_counted(
        client, url, django_assert_num_queries, GRADE_HISTORY_QUERIES
    )
    assert len(response.context["entries"]) == 1

    _overrides_add(
        enrollments=_classmates_add(run=run, count=30),
        items=[quiz, assignment],
        per_pair=3,
        actor=course_instructor,
    )
    response = _get_counted(
        client, url, django_assert_num_queries, GRADE_HISTORY_QUERIES
    )
    entries = response.context["entries"]
    assert len(entries) == 181
    text = _text(response)
    assert entries[0].override.reason in text
    assert entries[0].override.enrollment.learner.name_ko in text


# --- 14. the learning library ----------------------------------------------------


def _resources_add(*, count: int, categories, tags_each: int = 3) -> list:
    tag = next(_unique)
    LibraryResource.objects.bulk_create(
        LibraryResource(
            title=f"자료 {tag}-{n}",
            description="협동조합 운영 안내서",
            kind="guide",
            category=categories[n % len(categories)] if n % 3 else None,
            url=f"https://example.org/resource/{tag}/{n}",
        )
        for n in range(count)
    )
    resources = list(
        LibraryResource.objects.filter(title__startswith=f"자료 {tag}-").order_by("pk")
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"주제{tag}-{n}", slug=f"topic-{tag}-{n}")
        for n in range(tags_each * 2)
    )
    LibraryResourceTag.objects.bulk_create(
        LibraryResourceTag(content_object=resource, tag=tags[(n + k) % len(tags)])
        for n, resource in enumerate(resources)
        for k in range(tags_each)
    )
    return resources


LIBRARY_VISITORS = ["anonymous", "learner"]


def _library_visitor(client, who):
    if who == "learner":
        learner = UserFactory()
        client.force_login(learner)
        return learner
    return None


@pytest.mark.parametrize("who", LIBRARY_VISITORS)
def test_library_queries_do_not_grow_with_resources(
    client, catalog, django_assert_num_queries, who
):
    expected = {
        "anonymous": LIBRARY_ANONYMOUS_QUERIES,
        "learner": LIBRARY_LEARNER_QUERIES,
    }[who]
    categories = CourseCategoryFactory.create_batch(2)
    first = _resources_add(count=3, categories=categories)
    learner = _library_visitor(client, who)
    url = reverse("courses:library")
    response = _get_counted(client, url, django_assert_num_queries, expected)
    assert len(response.context["resources"]) == 3

    more = _resources_add(count=80, categories=categories)
    if learner is not None:
        Bookmark.objects.bulk_create(
            Bookmark(learner=learner, resource=resource)
            for resource in [*first, *more][::2]
        )
    response = _get_counted(client, url, django_assert_num_queries, expected)
    page = response.context["resources"]
    assert page.paginator.count == 83 and len(page) == 20
    text = _text(response)
    shown = page[0]
    assert shown.title in text
    assert f"#{shown.tags.all()[0].name}" in text


@pytest.mark.parametrize("who", LIBRARY_VISITORS)
def test_library_resource_queries_do_not_grow_with_resources(
    client, catalog, django_assert_num_queries, who
):
    expected = {
        "anonymous": LIBRARY_RESOURCE_ANONYMOUS_QUERIES,
        "learner": LIBRARY_RESOURCE_LEARNER_QUERIES,
    }[who]
    categories = CourseCategoryFactory.create_batch(2)
    (resource,) = _resources_add(count=1, categories=categories, tags_each=2)
    _library_visitor(client, who)
    url = reverse("courses:library-resource", args=[resource.pk])
    response = _get_counted(client, url, django_assert_num_queries, expected)
    assert response.context["resource"] == resource

    _resources_add(count=80, categories=categories, tags_each=6)
    LibraryResourceTag.objects.bulk_create(
        LibraryResourceTag(content_object=resource, tag=tag)
        for tag in Tag.objects.exclude(pk__in=resource.tags.values("pk"))[:10]
    )
    response = _get_counted(client, url, django_assert_num_queries, expected)
    text = _text(response)
    assert resource.title in text and resource.url in text
    tags = list(resource.tags.all())
    assert len(tags) == 12
    assert all(f"#{tag.name}<" in text for tag in tags)


# --- 15. the run's roster ------------------------------------------------------------


def test_run_roster_csv_queries_do_not_grow_with_enrolments(
    client, run, active_enrollment, course_instructor, django_assert_num_queries
):
    client.force_login(course_instructor)
    url = reverse("learning:run-roster", args=[run.pk])
    response = _get_counted(client, url, django_assert_num_queries, RUN_ROSTER_QUERIES)
    lines = _text(response).splitlines()
    assert len(lines) == 2 and active_enrollment.learner.email in lines[1]

    classmates = _classmates_add(run=run, count=300)
    Enrollment.objects.filter(pk__in=[e.pk for e in classmates[::3]]).update(
        status=EnrollmentStatus.WAITLISTED
    )
    response = _get_counted(client, url, django_assert_num_queries, RUN_ROSTER_QUERIES)
    lines = _text(response).splitlines()
    assert len(lines) == 302
    last = classmates[-1].learner
    assert lines[-1].startswith(f"{last.email},{last.name_ko},")
