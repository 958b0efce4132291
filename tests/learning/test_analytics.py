"""The run and center dashboards: their numbers, who may see them, CSV, queries."""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from courses.outline import course_outline
from lms.learning.analytics import (
    CENTER_TZ,
    NO_ORGANIZATION,
    center_analytics,
    run_analytics,
    run_schedule_percent,
)
from lms.learning.models import (
    CourseRun,
    Enrollment,
    EnrollmentStatus,
    LessonProgress,
    QuizAttempt,
)

from ..factories import (
    CoursePageFactory,
    EnrollmentFactory,
    LessonPageFactory,
    OrganizationFactory,
    UserFactory,
)
from ..http import response_body

pytestmark = pytest.mark.django_db

# session and user, the run (a superuser needs no role check), the selector
# (enrolments, two progress counts, the gradebook's 2 items, attempts and
# overrides; the outline and the page shell come from the cache)
RUN_DASHBOARD_QUERIES = 10
# session and user (a superuser needs no role check), the selector's five counts
CENTER_DASHBOARD_QUERIES = 7


@dataclass
class Dataset:
    run: CourseRun
    lessons: list
    done: Enrollment  # completed the course
    halfway: Enrollment  # two of four lessons, recently
    idle: Enrollment  # viewed one lesson twenty days ago
    never: Enrollment  # enrolled a month ago, nothing since
    withdrawn: Enrollment


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _progress(enrollment, lessons, *, completed: int, viewed: int = 0, days: int):
    for lesson in lessons[:completed]:
        LessonProgress.objects.create(
            learner=enrollment.learner,
            lesson=lesson,
            course=lesson.course,
            last_viewed_at=_ago(days),
            completed_at=_ago(days),
        )
    for lesson in lessons[completed : completed + viewed]:
        LessonProgress.objects.create(
            learner=enrollment.learner,
            lesson=lesson,
            course=lesson.course,
            last_viewed_at=_ago(days),
        )


def _attempt(enrollment, quiz, percent: str):
    QuizAttempt.objects.create(
        learner=enrollment.learner,
        quiz=quiz,
        enrollment=enrollment,
        number=1,
        status="submitted",
        submitted_at=timezone.now(),
        max_score=10,
        percent=Decimal(percent),
    )


@pytest.fixture
def dataset(course, course_module, run, grade_item_add) -> Dataset:
    """A run 40 days in of 80, four lessons and a quiz, five learners:

    done (completed, 95%), halfway (2 lessons, 72%), idle (viewed one, 20 days
    ago, 15%), never (nothing; no grade) and withdrawn (not counted).
    """
    LessonPageFactory(parent=course_module)
    LessonPageFactory(parent=course_module)
    quiz = grade_item_add("quiz")
    today = timezone.localdate()
    CourseRun.objects.filter(pk=run.pk).update(
        starts_on=today - dt.timedelta(days=40), ends_on=today + dt.timedelta(days=40)
    )
    run.refresh_from_db()
    lessons = course_outline(course=course).lessons
    assert len(lessons) == 4
    done = EnrollmentFactory(
        run=run, status=EnrollmentStatus.COMPLETED, completed_at=_ago(1)
    )
    halfway, idle, never = EnrollmentFactory.create_batch(3, run=run)
    withdrawn = EnrollmentFactory(run=run, status=EnrollmentStatus.WITHDRAWN)
    Enrollment.objects.filter(run=run).update(created_at=_ago(30))
    _progress(done, lessons, completed=4, days=1)
    _progress(halfway, lessons, completed=2, days=2)
    _progress(idle, lessons, completed=0, viewed=1, days=20)
    _progress(withdrawn, lessons, completed=4, days=1)
    _attempt(done, quiz, "95")
    _attempt(halfway, quiz, "72.5")
    _attempt(idle, quiz, "15")
    _attempt(withdrawn, quiz, "100")
    return Dataset(run, lessons, done, halfway, idle, never, withdrawn)


# --- the run's numbers ---------------------------------------------------------


def test_funnel_counts_each_step_of_the_seat_holders(dataset):
    data = run_analytics(run=dataset.run)
    assert [(step.key, step.count, step.percent) for step in data.funnel] == [
        ("enrolled", 4, 100),
        ("started", 3, 75),
        ("halfway", 2, 50),
        ("lessons_done", 1, 25),
        ("completed", 1, 25),
    ]


def test_grade_distribution_puts_totals_in_ten_point_buckets(dataset):
    data = run_analytics(run=dataset.run)
    counts = {bucket.label: bucket.count for bucket in data.grades}
    assert len(data.grades) == 10
    assert counts["90–100"] == 1
    assert counts["70–79"] == 1
    assert counts["10–19"] == 1
    assert sum(counts.values()) == 3
    assert data.ungraded == 1


def test_at_risk_lists_the_inactive_and_the_behind_with_reasons(dataset):
    data = run_analytics(run=dataset.run, inactive_days=14)
    by_learner = {item.enrollment.pk: item for item in data.at_risk}
    assert set(by_learner) == {dataset.idle.pk, dataset.never.pk}
    idle = by_learner[dataset.idle.pk]
    assert idle.inactive_days == 20
    assert idle.behind_points == 50  # 0% done, 50% of the dates passed
    assert len(idle.reasons) == 2
    never = by_learner[dataset.never.pk]
    assert never.last_activity is None
    assert never.inactive_days == 30  # counted from enrolling


def test_a_longer_inactivity_threshold_leaves_only_the_behind(dataset):
    data = run_analytics(run=dataset.run, inactive_days=60)
    assert {item.enrollment.pk for item in data.at_risk} == {
        dataset.idle.pk,
        dataset.never.pk,
    }
    assert all(item.reasons == [item.reasons[0]] for item in data.at_risk)
    assert all(item.behind_points == 50 for item in data.at_risk)


def test_a_learner_on_schedule_and_active_is_not_at_risk(dataset):
    data = run_analytics(run=dataset.run, inactive_days=1)
    # halfway: 50% done with 50% of the dates passed, active 2 days ago
    assert dataset.halfway.pk in {item.enrollment.pk for item in data.at_risk}
    data = run_analytics(run=dataset.run, inactive_days=3)
    assert dataset.halfway.pk not in {item.enrollment.pk for item in data.at_risk}


def test_lesson_drop_off_follows_the_outline(dataset):
    data = run_analytics(run=dataset.run)
    assert [row.lesson.pk for row in data.lessons] == [
        each.pk for each in dataset.lessons
    ]
    assert [row.completed for row in data.lessons] == [2, 2, 1, 1]
    assert [row.viewed for row in data.lessons] == [3, 2, 1, 1]
    assert [row.percent for row in data.lessons] == [50, 50, 25, 25]


def test_schedule_share_is_clamped_and_needs_both_dates():
    run = CourseRun(starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 11))
    assert run_schedule_percent(run=run, today=dt.date(2026, 3, 6)) == 50
    assert run_schedule_percent(run=run, today=dt.date(2026, 2, 1)) == 0
    assert run_schedule_percent(run=run, today=dt.date(2026, 5, 1)) == 100
    assert run_schedule_percent(run=CourseRun(), today=dt.date(2026, 3, 6)) is None


def test_a_run_without_learners_has_empty_sections(run):
    data = run_analytics(run=run)
    assert data.enrolled == 0
    assert all(step.count == 0 for step in data.funnel)
    assert data.at_risk == []
    assert all(row.completed == 0 for row in data.lessons)


# --- the center's numbers ------------------------------------------------------


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=CENTER_TZ)


@pytest.fixture
def center_dataset(catalog, run):
    """Enrolments in two courses of different modes, by learners of two kinds
    of organization and none; one enrolment on 1 March 00:30 in Seoul (still
    February in UTC), one a year too old."""
    social = CoursePageFactory(parent=catalog, learning_mode="social")
    social_run = CourseRun.objects.create(course=social, title="소셜 1기")
    coop = OrganizationFactory(type="cooperative", region="jeonbuk")
    village = OrganizationFactory(type="village_enterprise", region="jeju")
    rows = [
        # run, organization, created, status, completed
        (run, coop, _at(dt.date(2026, 1, 10)), "completed", _at(dt.date(2026, 3, 2))),
        (run, coop, _at(dt.date(2026, 3, 1), 0), "active", None),
        (run, village, _at(dt.date(2026, 3, 5)), "active", None),
        (
            social_run,
            None,
            _at(dt.date(2026, 2, 20)),
            "completed",
            _at(dt.date(2026, 3, 9)),
        ),
        (social_run, village, _at(dt.date(2026, 3, 7)), "pending", None),
        (social_run, coop, _at(dt.date(2024, 12, 1)), "active", None),
    ]
    for course_run, organization, created, status, completed in rows:
        enrollment = EnrollmentFactory(
            run=course_run,
            learner=UserFactory(organization=organization),
            status=status,
            completed_at=completed,
        )
        Enrollment.objects.filter(pk=enrollment.pk).update(created_at=created)
    return rows


def test_center_counts_enrolments_and_completions_by_month_in_seoul(center_dataset):
    data = center_analytics(months=3, today=dt.date(2026, 3, 15))
    assert [(row.label, row.enrolments, row.completions) for row in data.months] == [
        ("2026-01", 1, 0),
        ("2026-02", 1, 0),
        ("2026-03", 2, 2),
    ]
    assert (data.enrolments, data.completions) == (4, 2)


def test_center_counts_by_learning_mode(center_dataset):
    data = center_analytics(months=3, today=dt.date(2026, 3, 15))
    assert [(row.key, row.enrolments, row.completions) for row in data.by_mode] == [
        ("formal", 3, 1),
        ("social", 1, 1),
    ]
    assert data.by_mode[0].label == "형식학습"


def test_center_counts_by_organization_type_and_region(center_dataset):
    data = center_analytics(months=3, today=dt.date(2026, 3, 15))
    assert [
        (row.label, row.enrolments, row.completions)
        for row in data.by_organization_type
    ] == [("협동조합", 2, 1), ("마을기업", 1, 0), (str(NO_ORGANIZATION), 1, 1)]
    assert [(row.key, row.enrolments) for row in data.by_region] == [
        ("jeonbuk", 2),
        ("jeju", 1),
        ("", 1),
    ]


def test_center_analytics_of_an_empty_center_is_empty(db):
    data = center_analytics(months=12, today=dt.date(2026, 3, 15))
    assert data.is_empty
    assert len(data.months) == 12
    assert data.months[0].label == "2025-04"
    assert data.by_mode == data.by_region == []


# --- who may see --------------------------------------------------------------


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


def _run_urls(run) -> list[str]:
    return [
        reverse("learning:run-analytics", args=[run.pk]),
        reverse("learning:run-analytics-csv", args=[run.pk, "funnel"]),
    ]


def _center_urls() -> list[str]:
    return [
        reverse("learning:center-analytics"),
        reverse("learning:center-analytics-csv", args=["months"]),
    ]


def test_run_dashboard_is_for_the_courses_instructors_and_staff(
    client, run, learner, course_instructor, other_instructor, staff_user
):
    EnrollmentFactory(run=run, learner=learner)
    for url in _run_urls(run):
        client.logout()
        assert _is_login_redirect(client.get(url))
        client.force_login(learner)
        assert client.get(url).status_code == 403
        client.force_login(other_instructor)
        assert client.get(url).status_code == 403
        client.force_login(course_instructor)
        assert client.get(url).status_code == 200
        client.force_login(staff_user)
        assert client.get(url).status_code == 200


def test_center_dashboard_is_for_center_staff_only(client, learner, course_instructor):
    staff_member = UserFactory()
    staff_member.groups.add(Group.objects.get(name="Staff"))
    for url in _center_urls():
        client.logout()
        assert _is_login_redirect(client.get(url))
        client.force_login(learner)
        assert client.get(url).status_code == 403
        client.force_login(course_instructor)
        assert client.get(url).status_code == 403
        client.force_login(staff_member)
        assert client.get(url).status_code == 200


def test_unknown_csv_section_is_not_found(client, run, staff_user):
    client.force_login(staff_user)
    url = reverse("learning:run-analytics-csv", args=[run.pk, "secrets"])
    assert client.get(url).status_code == 404
    url = reverse("learning:center-analytics-csv", args=["secrets"])
    assert client.get(url).status_code == 404


# --- the pages ----------------------------------------------------------------


def test_run_dashboard_draws_charts_with_tables(client, dataset, course_instructor):
    client.force_login(course_instructor)
    response = client.get(reverse("learning:run-analytics", args=[dataset.run.pk]))
    html = response.content.decode()
    assert html.count('role="img"') == 3  # funnel, grades, drop-off
    assert html.count("<table") == 4  # and the learners at risk
    assert 'aria-labelledby="chart-funnel-title chart-funnel-desc"' in html
    assert dataset.never.learner.email in html


@pytest.mark.parametrize(
    ("given", "used"), [("30", 30), ("0", 14), ("366", 14), ("abc", 14), ("", 14)]
)
def test_inactive_days_come_from_the_query_within_1_to_365(
    client, run, staff_user, given, used
):
    client.force_login(staff_user)
    url = reverse("learning:run-analytics", args=[run.pk])
    response = client.get(url, {"inactive": given})
    assert response.context["analytics"].inactive_days == used


def test_empty_run_dashboard_says_so(client, run, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("learning:run-analytics", args=[run.pk])).content
    html = html.decode()
    assert 'role="img"' not in html
    assert html.count('class="chart-empty"') == 3
    assert 'class="analytics-table"' not in html  # no learners at risk


def test_center_dashboard_draws_grouped_bars(client, staff_user, center_dataset):
    client.force_login(staff_user)
    response = client.get(reverse("learning:center-analytics"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') == 4
    assert "협동조합" in html


# --- CSV ------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    body = response_body(response).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_run_csv_sections_start_with_a_bom_and_keep_korean(
    client, dataset, course_instructor
):
    client.force_login(course_instructor)

    def get(section, **params):
        url = reverse("learning:run-analytics-csv", args=[dataset.run.pk, section])
        response = client.get(url, params)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        return _csv(response)

    funnel = get("funnel")
    assert funnel[1] == ["수강 중", "4", "100"]  # "Enrolled", in Korean
    assert funnel[-1][1:] == ["1", "25"]
    grades = get("grades")
    assert grades[-1][1] == "1"  # not graded yet
    assert len(grades) == 12
    at_risk = get("at-risk", inactive=60)
    assert {row[1] for row in at_risk[1:]} == {
        dataset.idle.learner.email,
        dataset.never.learner.email,
    }
    assert dataset.idle.learner.name_ko in {row[0] for row in at_risk[1:]}
    drop_off = get("drop-off")
    assert [row[4] for row in drop_off[1:]] == ["2", "2", "1", "1"]
    assert drop_off[1][2] == dataset.lessons[0].title


def test_csv_cells_are_not_spreadsheet_formulas(client, dataset, course_instructor):
    learner = dataset.never.learner
    learner.name_ko = '=HYPERLINK("http://evil")'
    learner.save()
    client.force_login(course_instructor)
    url = reverse("learning:run-analytics-csv", args=[dataset.run.pk, "at-risk"])
    names = [row[0] for row in _csv(client.get(url))[1:]]
    assert '\'=HYPERLINK("http://evil")' in names


def test_center_csv_sections(client, staff_user, center_dataset, monkeypatch):
    client.force_login(staff_user)
    for section in ("months", "modes", "organization-types", "regions"):
        url = reverse("learning:center-analytics-csv", args=[section])
        rows = _csv(client.get(url))
        assert len(rows[0]) == 4
    rows = _csv(client.get(reverse("learning:center-analytics-csv", args=["regions"])))
    assert rows[-1][0] == str(NO_ORGANIZATION)
    assert rows[1][0] == "전북"  # Region.JEONBUK in Korean


# --- queries ----------------------------------------------------------------------


def _learners_enrol(run, lessons, count: int):
    for enrollment in EnrollmentFactory.create_batch(count, run=run):
        _progress(enrollment, lessons, completed=1, viewed=1, days=3)


def test_run_dashboard_queries_do_not_grow_from_5_to_100_learners(
    client, course, run, staff_user, grade_item_add, django_assert_num_queries
):
    grade_item_add("quiz")
    lessons = course_outline(course=course).lessons
    url = reverse("learning:run-analytics", args=[run.pk])
    client.force_login(staff_user)
    _learners_enrol(run, lessons, 5)
    client.get(url)
    with django_assert_num_queries(RUN_DASHBOARD_QUERIES):
        response = client.get(url)
    assert response.context["analytics"].enrolled == 5
    _learners_enrol(run, lessons, 95)
    with django_assert_num_queries(RUN_DASHBOARD_QUERIES):
        response = client.get(url)
    assert response.context["analytics"].enrolled == 100


def test_center_dashboard_queries_do_not_grow_with_enrolments(
    client, run, staff_user, django_assert_num_queries
):
    url = reverse("learning:center-analytics")
    client.force_login(staff_user)

    def enrol(count):
        for n in range(count):
            organization = OrganizationFactory() if n % 2 else None
            EnrollmentFactory(run=run, learner=UserFactory(organization=organization))

    enrol(5)
    client.get(url)
    with django_assert_num_queries(CENTER_DASHBOARD_QUERIES):
        response = client.get(url)
    assert response.context["analytics"].enrolments == 5
    enrol(95)
    with django_assert_num_queries(CENTER_DASHBOARD_QUERIES):
        response = client.get(url)
    assert response.context["analytics"].enrolments == 100
