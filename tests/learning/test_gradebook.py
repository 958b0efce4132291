"""The gradebook: weighted totals, overrides and their audit trail, the CSV
export, each learner's own grades, who may see what, and query counts.
"""

import codecs
import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import User
from lms.learning.gradebook import gradebook_for_run, grades_for_enrollment
from lms.learning.models import (
    Enrollment,
    EnrollmentStatus,
    GradeOverride,
    QuizAttempt,
    QuizAttemptStatus,
    Submission,
    SubmissionStatus,
)
from lms.learning.services import GradeError, grade_override_set
from lms.learning.views.gradebook import GRADEBOOK_PAGE_SIZE

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    OrganizationFactory,
    UserFactory,
    course_tree_create,
)
from ..http import response_body

pytestmark = pytest.mark.django_db

# session and user, the run with its course, the instructor check (staff group,
# course instructors), quizzes, assignments, enrolments with learners and
# organizations, best attempts, graded submissions, overrides
GRADEBOOK_CSV_QUERIES = 11
# the same, and what base.html keeps in the cache, built here as this is the
# first page after the cache was cleared: the site with its home page's
# specific row, the root's locale, the menu pages and their view restrictions;
# the course's URL (the site root paths, the page's translations); the active
# language's locale, to name the course in it (cached like the others); the
# staff's menu and footer links (cms's site navigation); and the unread
# notifications of the header's bell
GRADEBOOK_QUERIES = GRADEBOOK_CSV_QUERIES + 10


def attempt_add(*, learner, quiz, percent, number=1, submitted=True):
    return QuizAttempt.objects.create(
        learner=learner,
        quiz=quiz,
        number=number,
        status=QuizAttemptStatus.SUBMITTED
        if submitted
        else QuizAttemptStatus.IN_PROGRESS,
        percent=Decimal(percent) if submitted else None,
        submitted_at=timezone.now() if submitted else None,
    )


def graded_add(*, learner, assignment, score, version=1, graded=True):
    return Submission.objects.create(
        learner=learner,
        assignment=assignment,
        version=version,
        status=SubmissionStatus.GRADED if graded else SubmissionStatus.SUBMITTED,
        score=Decimal(score) if graded else None,
        text="제출합니다.",
    )


def row_for(enrollment):
    _book, row = grades_for_enrollment(enrollment=enrollment)
    return row


# --- arithmetic ----------------------------------------------------------------------


def test_total_weighs_the_category_averages(grade_item_add, active_enrollment):
    """Quizzes 40 %, assignments 60 %: (70 × 40 + 90 × 60) / 100 = 82."""
    learner = active_enrollment.learner
    quiz_a, quiz_b = grade_item_add("quiz"), grade_item_add("quiz")
    essay = grade_item_add("assignment", max_points=50)
    attempt_add(learner=learner, quiz=quiz_a, percent=80)
    attempt_add(learner=learner, quiz=quiz_b, percent=60)
    graded_add(learner=learner, assignment=essay, score=45)

    row = row_for(active_enrollment)

    assert row.cells[essay.pk].percent == Decimal("90.00")
    assert row.categories == {"quiz": Decimal("70.00"), "assignment": Decimal("90.00")}
    assert row.total == Decimal("82.00")


def test_categories_without_items_are_left_out_and_the_rest_renormalised(
    course, grade_item_add, active_enrollment
):
    """Quiz 20 %, exam 20 %, assignment 60 % with no assignments: the quiz and
    the exam count half each."""
    course.weight_quiz, course.weight_exam = 20, 20
    course.save(update_fields=["weight_quiz", "weight_exam"])
    learner = active_enrollment.learner
    quiz = grade_item_add("quiz")
    exam = grade_item_add("quiz", grade_category="exam")
    attempt_add(learner=learner, quiz=quiz, percent=50)
    attempt_add(learner=learner, quiz=exam, percent=100)

    active_enrollment.run.course.refresh_from_db()
    row = row_for(active_enrollment)

    assert set(row.categories) == {"quiz", "exam"}
    assert row.total == Decimal("75.00")


def test_best_submitted_attempt_counts(grade_item_add, active_enrollment):
    learner = active_enrollment.learner
    quiz = grade_item_add("quiz")
    attempt_add(learner=learner, quiz=quiz, percent=50, number=1)
    attempt_add(learner=learner, quiz=quiz, percent=80, number=2)
    attempt_add(learner=learner, quiz=quiz, percent=0, number=3, submitted=False)

    assert row_for(active_enrollment).cells[quiz.pk].percent == Decimal("80.00")


def test_only_a_graded_submission_counts(grade_item_add, active_enrollment):
    learner = active_enrollment.learner
    essay = grade_item_add("assignment")
    graded_add(learner=learner, assignment=essay, score=70, version=1)
    graded_add(learner=learner, assignment=essay, score=0, version=2, graded=False)

    assert row_for(active_enrollment).cells[essay.pk].percent == Decimal("70.00")


def test_an_override_wins_over_the_computed_grade(
    grade_item_add, active_enrollment, course_instructor
):
    quiz = grade_item_add("quiz")
    attempt_add(learner=active_enrollment.learner, quiz=quiz, percent=50)

    grade_override_set(
        enrollment=active_enrollment,
        item=quiz,
        percent=Decimal("95"),
        reason="재채점",
        actor=course_instructor,
    )

    cell = row_for(active_enrollment).cells[quiz.pk]
    assert (cell.percent, cell.overridden, cell.source) == (
        Decimal("95.00"),
        True,
        Decimal("50.00"),
    )


def test_missing_work_counts_zero_only_after_the_run_ended(
    run, grade_item_add, active_enrollment
):
    quiz_a, quiz_b = grade_item_add("quiz"), grade_item_add("quiz")
    attempt_add(learner=active_enrollment.learner, quiz=quiz_a, percent=80)

    assert row_for(active_enrollment).categories["quiz"] == Decimal("80.00")

    today = timezone.localdate()
    run.starts_on, run.ends_on = today - timedelta(days=30), today - timedelta(days=1)
    run.save(update_fields=["starts_on", "ends_on"])
    active_enrollment.refresh_from_db()

    row = row_for(active_enrollment)
    assert row.cells[quiz_b.pk].percent is None
    assert row.categories["quiz"] == Decimal("40.00")
    assert row.total == Decimal("40.00")


def test_the_gradebook_lists_seat_holders_only(run, grade_item_add, learner):
    grade_item_add("quiz")
    active = EnrollmentFactory(run=run, learner=learner)
    done = EnrollmentFactory(run=run, status=EnrollmentStatus.COMPLETED)
    EnrollmentFactory(run=run, status=EnrollmentStatus.WITHDRAWN)
    EnrollmentFactory(run=run, status=EnrollmentStatus.PENDING)

    book = gradebook_for_run(run=run)

    assert {row.enrollment.pk for row in book.rows} == {active.pk, done.pk}


# --- overrides and the audit trail ----------------------------------------------------


def test_two_overrides_are_two_rows_and_the_newest_counts(
    grade_item_add, active_enrollment, course_instructor, staff_user
):
    quiz = grade_item_add("quiz")
    first = grade_override_set(
        enrollment=active_enrollment,
        item=quiz,
        percent=Decimal("70"),
        reason="출석 인정",
        actor=course_instructor,
    )
    second = grade_override_set(
        enrollment=active_enrollment,
        item=quiz,
        percent=Decimal("85.5"),
        reason="이의 신청 반영",
        actor=staff_user,
    )

    rows = GradeOverride.objects.filter(enrollment=active_enrollment, item_id=quiz.pk)
    assert rows.count() == 2
    first.refresh_from_db()
    assert (first.percent, first.reason, first.created_by) == (
        Decimal("70.00"),
        "출석 인정",
        course_instructor,
    )
    assert (second.created_by, second.reason) == (staff_user, "이의 신청 반영")
    assert row_for(active_enrollment).cells[quiz.pk].percent == Decimal("85.50")


def test_clearing_an_override_brings_the_computed_grade_back(
    grade_item_add, active_enrollment, course_instructor
):
    quiz = grade_item_add("quiz")
    attempt_add(learner=active_enrollment.learner, quiz=quiz, percent=40)
    grade_override_set(
        enrollment=active_enrollment,
        item=quiz,
        percent=Decimal("90"),
        reason="오류",
        actor=course_instructor,
    )

    grade_override_set(
        enrollment=active_enrollment,
        item=quiz,
        percent=None,
        reason="원래 점수로",
        actor=course_instructor,
    )

    cell = row_for(active_enrollment).cells[quiz.pk]
    assert (cell.percent, cell.overridden) == (Decimal("40.00"), False)
    assert GradeOverride.objects.count() == 2


@pytest.mark.parametrize(
    "change",
    [
        {"percent": Decimal("50"), "reason": ""},
        {"percent": Decimal("50"), "reason": "   "},
        {"percent": Decimal("100.01"), "reason": "너무 높음"},
        {"percent": Decimal("-1"), "reason": "음수"},
        {"percent": Decimal("50.123"), "reason": "소수점"},
        {"percent": Decimal("50"), "reason": "가" * 501},
        {"percent": None, "reason": "지울 것이 없음"},
    ],
)
def test_a_bad_override_is_refused_and_nothing_is_written(
    grade_item_add, active_enrollment, course_instructor, change
):
    quiz = grade_item_add("quiz")
    with pytest.raises(GradeError):
        grade_override_set(
            enrollment=active_enrollment, item=quiz, actor=course_instructor, **change
        )
    assert not GradeOverride.objects.exists()


def test_only_the_courses_instructors_and_staff_may_override(
    grade_item_add, active_enrollment, other_instructor, learner
):
    quiz = grade_item_add("quiz")
    for actor in (other_instructor, learner):
        with pytest.raises(GradeError):
            grade_override_set(
                enrollment=active_enrollment,
                item=quiz,
                percent=Decimal("100"),
                reason="부탁",
                actor=actor,
            )
    assert not GradeOverride.objects.exists()


def test_an_item_of_another_course_cannot_be_overridden(
    catalog, grade_item_add, active_enrollment, course_instructor
):
    from courses.models import CourseModulePage

    elsewhere = course_tree_create(index=catalog)
    foreign = grade_item_add(
        "quiz", parent=CourseModulePage.objects.child_of(elsewhere).get()
    )
    with pytest.raises(GradeError):
        grade_override_set(
            enrollment=active_enrollment,
            item=foreign,
            percent=Decimal("100"),
            reason="다른 과정",
            actor=course_instructor,
        )


def test_an_override_after_completion_updates_the_final_grade(
    grade_item_add, active_enrollment, course_instructor
):
    quiz = grade_item_add("quiz", is_required=False)
    attempt_add(learner=active_enrollment.learner, quiz=quiz, percent=60)
    Enrollment.objects.filter(pk=active_enrollment.pk).update(
        status=EnrollmentStatus.COMPLETED, final_grade=Decimal("60")
    )

    grade_override_set(
        enrollment=active_enrollment,
        item=quiz,
        percent=Decimal("75"),
        reason="재채점",
        actor=course_instructor,
    )

    active_enrollment.refresh_from_db()
    assert active_enrollment.final_grade == Decimal("75.00")
    assert active_enrollment.status == EnrollmentStatus.COMPLETED


# --- pages ---------------------------------------------------------------------------


def _urls(run, enrollment, item) -> dict[str, str]:
    return {
        "gradebook": reverse("learning:gradebook", args=[run.pk]),
        "csv": reverse("learning:gradebook-csv", args=[run.pk]),
        "history": reverse("learning:gradebook-history", args=[run.pk]),
        "override": reverse(
            "learning:gradebook-override", args=[run.pk, enrollment.pk, item.pk]
        ),
        "grades": reverse("learning:enrollment-grades", args=[enrollment.pk]),
    }


def test_the_gradebook_page_marks_overridden_cells(
    client, run, grade_item_add, active_enrollment, course_instructor
):
    quiz = grade_item_add("quiz", title="협동조합 원칙 퀴즈")
    attempt_add(learner=active_enrollment.learner, quiz=quiz, percent=55)
    grade_override_set(
        enrollment=active_enrollment,
        item=quiz,
        percent=Decimal("88"),
        reason="재채점",
        actor=course_instructor,
    )
    client.force_login(course_instructor)

    response = client.get(reverse("learning:gradebook", args=[run.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "협동조합 원칙 퀴즈" in html
    assert "grade-overridden" in html
    assert 'title="Overridden; computed grade: 55"' in html or "55" in html
    row = response.context["rows"][0]
    assert row.cells[0].cell.overridden
    assert row.cells[0].url == _urls(run, active_enrollment, quiz)["override"]
    assert row.total == Decimal("88.00")
    assert [g.key for g in response.context["groups"]] == ["quiz"]


def test_the_override_form_saves_with_a_reason(
    client, run, grade_item_add, active_enrollment, course_instructor
):
    quiz = grade_item_add("quiz")
    url = _urls(run, active_enrollment, quiz)["override"]
    client.force_login(course_instructor)

    assert client.get(url).status_code == 200
    response = client.post(url, {"percent": "77.5", "reason": "구술 평가 반영"})

    assert response.status_code == 302
    assert response["Location"] == reverse("learning:gradebook", args=[run.pk])
    override = GradeOverride.objects.get()
    assert (override.percent, override.reason, override.created_by) == (
        Decimal("77.50"),
        "구술 평가 반영",
        course_instructor,
    )


@pytest.mark.parametrize(
    "data",
    [
        {"percent": "150", "reason": "너무 높음"},
        {"percent": "abc", "reason": "숫자 아님"},
        {"percent": "80", "reason": ""},
        {"percent": "", "reason": "지울 것이 없음"},
    ],
)
def test_a_bad_override_form_answers_400_with_a_message(
    client, run, grade_item_add, active_enrollment, course_instructor, data
):
    quiz = grade_item_add("quiz")
    client.force_login(course_instructor)

    response = client.post(_urls(run, active_enrollment, quiz)["override"], data)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert not GradeOverride.objects.exists()


def test_an_item_of_another_course_is_not_found_in_the_override_form(
    client, catalog, run, grade_item_add, active_enrollment, course_instructor
):
    from courses.models import CourseModulePage

    foreign = grade_item_add(
        "quiz",
        parent=CourseModulePage.objects.child_of(
            course_tree_create(index=catalog)
        ).get(),
    )
    client.force_login(course_instructor)
    url = _urls(run, active_enrollment, foreign)["override"]
    assert client.get(url).status_code == 404


def test_the_history_shows_every_change_with_who_and_why(
    client, run, grade_item_add, active_enrollment, course_instructor, staff_user
):
    quiz = grade_item_add("quiz", title="사회적경제 개론 퀴즈")
    course_instructor.name_ko = "김강사"
    course_instructor.save(update_fields=["name_ko"])
    for percent, reason, actor in [
        (Decimal("70"), "출석 인정", course_instructor),
        (Decimal("90"), "이의 신청 반영", staff_user),
        (None, "원래 점수로 되돌림", course_instructor),
    ]:
        grade_override_set(
            enrollment=active_enrollment,
            item=quiz,
            percent=percent,
            reason=reason,
            actor=actor,
        )
    client.force_login(course_instructor)

    for url in (
        reverse("learning:gradebook-history", args=[run.pk]),
        _urls(run, active_enrollment, quiz)["override"],
    ):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        for text in ("출석 인정", "이의 신청 반영", "원래 점수로 되돌림", "김강사"):
            assert text in html
        entries = response.context["entries"]
        assert [
            (e.previous if e.had_previous else None, e.override.percent)
            for e in entries
        ] == [
            (Decimal("90.00"), None),
            (Decimal("70.00"), Decimal("90.00")),
            (None, Decimal("70.00")),
        ]
    assert "사회적경제 개론 퀴즈" in client.get(
        reverse("learning:gradebook-history", args=[run.pk])
    ).content.decode("utf-8")


def test_the_csv_opens_in_excel_with_korean_intact(
    client, run, course, grade_item_add, course_instructor
):
    organization = OrganizationFactory(name="마을기업 한울")
    learner = UserFactory(
        email="hanul@example.org", name_ko="김한울", organization=organization
    )
    enrollment = EnrollmentFactory(run=run, learner=learner)
    quiz = grade_item_add("quiz", title="협동조합 원칙 퀴즈")
    essay = grade_item_add("assignment", title="=사업계획서", max_points=20)
    attempt_add(learner=learner, quiz=quiz, percent=80)
    graded_add(learner=learner, assignment=essay, score=15)
    grade_override_set(
        enrollment=enrollment,
        item=quiz,
        percent=Decimal("90"),
        reason="재채점",
        actor=course_instructor,
    )
    client.force_login(course_instructor)

    response = client.get(reverse("learning:gradebook-csv", args=[run.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response_body(response)
    assert body.startswith(codecs.BOM_UTF8)
    header, row = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert header[3:5] == ["협동조합 원칙 퀴즈", "'=사업계획서"]
    assert len(header) == 3 + 2 + 2 + 1
    # total: quizzes 90 × 40 + assignments 75 × 60, over 100
    assert row == [
        "hanul@example.org",
        "김한울",
        "마을기업 한울",
        "90.00",
        "75.00",
        "90.00",
        "75.00",
        "81.00",
    ]


def test_a_learner_sees_their_own_grades_and_completion_checklist(
    client, run, grade_item_add, active_enrollment
):
    run.completion_min_grade = 70
    run.save(update_fields=["completion_min_grade"])
    quiz = grade_item_add("quiz", title="협동조합 원칙 퀴즈", pass_mark=60)
    grade_item_add("assignment", title="사업계획서")
    attempt_add(learner=active_enrollment.learner, quiz=quiz, percent=65)
    client.force_login(active_enrollment.learner)

    response = client.get(
        reverse("learning:enrollment-grades", args=[active_enrollment.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "협동조합 원칙 퀴즈" in html and "사업계획서" in html
    assert response.context["total"] == Decimal("65.00")
    checklist = {r.key: r.met for r in response.context["requirements"]}
    assert checklist == {"lessons": False, "assessments": False, "grade": False}
    assert "60%" in html  # the pass mark


# --- who may see what ----------------------------------------------------------------


VIEWS = ["gradebook", "csv", "history", "override", "grades"]


@pytest.fixture
def matrix(run, grade_item_add, active_enrollment):
    quiz = grade_item_add("quiz")
    return _urls(run, active_enrollment, quiz)


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_visitors_are_sent_to_log_in(client, matrix, view):
    response = client.get(matrix[view])
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("view", VIEWS)
def test_another_courses_instructor_is_refused(client, matrix, other_instructor, view):
    client.force_login(other_instructor)
    assert client.get(matrix[view]).status_code == 403


@pytest.mark.parametrize("view", VIEWS)
def test_another_learner_is_refused(client, run, matrix, view):
    other = EnrollmentFactory(run=run).learner
    client.force_login(other)
    assert client.get(matrix[view]).status_code == 403


@pytest.mark.parametrize("view", ["gradebook", "csv", "history", "override"])
def test_a_learner_cannot_open_the_gradebook_of_their_own_run(
    client, matrix, learner, view
):
    client.force_login(learner)
    assert client.get(matrix[view]).status_code == 403


def test_another_courses_instructor_cannot_post_an_override(
    client, matrix, other_instructor
):
    client.force_login(other_instructor)
    response = client.post(matrix["override"], {"percent": "100", "reason": "부탁"})
    assert response.status_code == 403
    assert not GradeOverride.objects.exists()


@pytest.mark.parametrize("who", ["instructor", "staff"])
@pytest.mark.parametrize("view", VIEWS)
def test_the_courses_instructors_and_staff_may_see_every_view(
    client, matrix, course_instructor, staff_user, who, view
):
    client.force_login(course_instructor if who == "instructor" else staff_user)
    assert client.get(matrix[view]).status_code == 200


# --- query counts --------------------------------------------------------------------


def _populate(*, run, module, grade_item_add, learners: int, items: int) -> None:
    """`learners` × `items`, half quizzes and half assignments, all graded."""
    quizzes, assignments = [], []
    for n in range(items):
        if n % 2:
            assignments.append(grade_item_add("assignment", parent=module))
        else:
            quizzes.append(grade_item_add("quiz", parent=module))
    organization = OrganizationFactory()
    users = User.objects.bulk_create(
        User(
            email=f"bulk{n}@example.org",
            name_ko=f"학습자{n}",
            password="!",
            organization=organization if n % 2 else None,
        )
        for n in range(learners)
    )
    users = list(User.objects.filter(email__startswith="bulk"))
    Enrollment.objects.bulk_create(
        Enrollment(learner=user, run=run, status=EnrollmentStatus.ACTIVE)
        for user in users
    )
    now = timezone.now()
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            learner=user,
            quiz=quiz,
            number=1,
            status=QuizAttemptStatus.SUBMITTED,
            percent=Decimal((n * 7) % 101),
            submitted_at=now,
        )
        for n, user in enumerate(users)
        for quiz in quizzes
    )
    Submission.objects.bulk_create(
        Submission(
            learner=user,
            assignment=assignment,
            status=SubmissionStatus.GRADED,
            score=Decimal((n * 3) % 101),
            graded_at=now,
        )
        for n, user in enumerate(users)
        for assignment in assignments
    )
    first = Enrollment.objects.filter(run=run).first()
    GradeOverride.objects.create(
        enrollment=first, item=quizzes[0], percent=Decimal(100), reason="보정"
    )


@pytest.mark.parametrize("learners, items", [(2, 2), (200, 20)])
def test_the_gradebook_page_takes_a_fixed_number_of_queries(
    client,
    run,
    course_module,
    grade_item_add,
    course_instructor,
    django_assert_num_queries,
    learners,
    items,
):
    _populate(
        run=run,
        module=course_module,
        grade_item_add=grade_item_add,
        learners=learners,
        items=items,
    )
    client.force_login(course_instructor)
    url = reverse("learning:gradebook", args=[run.pk])

    with django_assert_num_queries(GRADEBOOK_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
    assert response.context["found"] == learners
    assert len(response.context["rows"]) == min(learners, GRADEBOOK_PAGE_SIZE)
    assert len(response.context["columns"]) == items


def test_the_gradebook_pages_and_finds_learners_with_averages_over_all(
    client, run, course_module, grade_item_add, course_instructor
):
    _populate(
        run=run,
        module=course_module,
        grade_item_add=grade_item_add,
        learners=GRADEBOOK_PAGE_SIZE + 5,
        items=2,
    )
    client.force_login(course_instructor)
    url = reverse("learning:gradebook", args=[run.pk])
    first = client.get(url).context
    second = client.get(url, {"page": 2}).context
    assert len(first["rows"]) == GRADEBOOK_PAGE_SIZE and len(second["rows"]) == 5
    assert first["averages"] == second["averages"]  # the whole class, every page
    names = {row.enrollment.pk for row in [*first["rows"], *second["rows"]]}
    assert len(names) == GRADEBOOK_PAGE_SIZE + 5

    found = client.get(url, {"q": "학습자10"}).context
    assert {row.enrollment.learner.name_ko for row in found["rows"]} == {
        "학습자10",
        *(f"학습자{n}" for n in range(100, 105)),
    }
    assert found["averages"] == first["averages"]
    assert client.get(url, {"q": "없는사람"}).context["rows"] == []


@pytest.mark.parametrize("learners, items", [(2, 2), (200, 20)])
def test_the_gradebook_csv_takes_a_fixed_number_of_queries(
    client,
    run,
    course_module,
    grade_item_add,
    course_instructor,
    django_assert_num_queries,
    learners,
    items,
):
    _populate(
        run=run,
        module=course_module,
        grade_item_add=grade_item_add,
        learners=learners,
        items=items,
    )
    client.force_login(course_instructor)

    with django_assert_num_queries(GRADEBOOK_CSV_QUERIES):
        response = client.get(reverse("learning:gradebook-csv", args=[run.pk]))
        body = response_body(response)  # the rows stream: count them too

    assert len(body.decode("utf-8-sig").splitlines()) == learners + 1


def test_a_second_run_of_the_course_has_its_own_gradebook(
    course, grade_item_add, active_enrollment
):
    other_run = CourseRunFactory(course=course)
    EnrollmentFactory(run=other_run)
    grade_item_add("quiz")
    book = gradebook_for_run(run=active_enrollment.run)
    assert [row.enrollment.pk for row in book.rows] == [active_enrollment.pk]
