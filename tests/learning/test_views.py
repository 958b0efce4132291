"""Who may do what over HTTP: learners, other learners, instructors, visitors."""

import pytest
from django.urls import reverse

from courses.outline import course_outline
from lms.learning.models import Enrollment, EnrollmentStatus
from lms.learning.services import enrollment_create

from ..factories import (
    CourseRunFactory,
    UserFactory,
    course_tree_create,
    instructor_create,
)
from ..http import response_body

pytestmark = pytest.mark.django_db


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def enrollment(learner, run):
    return enrollment_create(learner=learner, run=run)


@pytest.fixture
def lesson(course):
    return course_outline(course=course).lessons[0]


# enrolling


def test_enrol_view_enrols_and_returns_to_the_course(client, learner, run):
    client.force_login(learner)
    response = client.post(reverse("learning:run-enroll", args=[run.pk]))
    assert response.status_code == 302
    assert response["Location"] == run.course.url
    assert Enrollment.objects.get(learner=learner).status == EnrollmentStatus.ACTIVE


def test_enrol_view_passes_the_invitation_code(client, learner, course):
    run = CourseRunFactory(
        course=course, enrollment_policy="invitation", invitation_code="jeonbuk-26"
    )
    client.force_login(learner)
    client.post(
        reverse("learning:run-enroll", args=[run.pk]), {"invitation_code": "jeonbuk-26"}
    )
    assert Enrollment.objects.filter(learner=learner, run=run).exists()


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_refused_enrolment_says_why_in_korean_and_writes_nothing(
    client, learner, course
):
    run = CourseRunFactory(course=course, enrollment_policy="invitation")
    client.force_login(learner)
    response = client.post(
        reverse("learning:run-enroll", args=[run.pk]),
        {"invitation_code": "wrong"},
        follow=True,
    )
    assert response.redirect_chain[0] == (course.url, 303)
    assert any("초대 코드" in message for message in _messages(response))
    assert not Enrollment.objects.exists()


def test_refused_enrolment_says_why_in_english_under_en(client, learner, course):
    run = CourseRunFactory(course=course, enrollment_policy="invitation")
    client.force_login(learner)
    response = client.post(
        f"/en/learn/runs/{run.pk}/enroll/", {"invitation_code": "wrong"}, follow=True
    )
    assert any("invitation code" in message for message in _messages(response))


def test_enrol_view_sends_an_anonymous_visitor_to_log_in(client, run):
    response = client.post(reverse("learning:run-enroll", args=[run.pk]))
    assert _is_login_redirect(response)
    assert not Enrollment.objects.exists()


def test_enrol_view_refuses_get(client, learner, run):
    client.force_login(learner)
    response = client.get(reverse("learning:run-enroll", args=[run.pk]))
    assert response.status_code == 405


# withdrawing


def test_learner_can_withdraw_their_enrolment(client, learner, enrollment):
    client.force_login(learner)
    response = client.post(
        reverse("learning:enrollment-withdraw", args=[enrollment.pk])
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.WITHDRAWN


def test_another_learner_cannot_withdraw_my_enrolment(client, other_user, enrollment):
    client.force_login(other_user)
    response = client.post(
        reverse("learning:enrollment-withdraw", args=[enrollment.pk])
    )
    assert response.status_code == 404
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ACTIVE


def test_withdraw_view_sends_an_anonymous_visitor_to_log_in(client, enrollment):
    response = client.post(
        reverse("learning:enrollment-withdraw", args=[enrollment.pk])
    )
    assert _is_login_redirect(response)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ACTIVE


def test_withdraw_view_ignores_an_off_site_next(client, learner, enrollment):
    client.force_login(learner)
    response = client.post(
        reverse("learning:enrollment-withdraw", args=[enrollment.pk]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("learning:dashboard")


# the roster


def test_course_instructor_downloads_the_roster_as_an_attachment(
    client, run, enrollment
):
    client.force_login(instructor_create(courses=[run.course]))
    response = client.get(reverse("learning:run-roster", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = response_body(response).decode("utf-8")
    assert body.startswith("\ufeff")
    assert enrollment.learner.email in body


def test_the_roster_never_hands_a_spreadsheet_a_formula(client, run):
    """A learner named like a formula stays text in the instructor's Excel."""
    import csv
    import io

    evil = UserFactory(name_ko='=HYPERLINK("http://evil","x")', email="e@example.org")
    enrollment_create(learner=evil, run=run)
    client.force_login(instructor_create(courses=[run.course]))
    response = client.get(reverse("learning:run-roster", args=[run.pk]))
    body = response_body(response)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    names = [row[1] for row in rows[1:]]
    assert names == ['\'=HYPERLINK("http://evil","x")']
    assert not any(cell[:1] in "=+-@" for row in rows for cell in row if cell)


def test_another_courses_instructor_cannot_see_the_roster(
    client, catalog, run, enrollment
):
    other_course = course_tree_create(index=catalog)
    client.force_login(instructor_create(courses=[other_course]))
    response = client.get(reverse("learning:run-roster", args=[run.pk]))
    assert response.status_code == 403


def test_a_learner_cannot_see_the_roster(client, learner, run, enrollment):
    client.force_login(learner)
    response = client.get(reverse("learning:run-roster", args=[run.pk]))
    assert response.status_code == 403


def test_roster_sends_an_anonymous_visitor_to_log_in(client, run):
    assert _is_login_redirect(client.get(reverse("learning:run-roster", args=[run.pk])))


# approvals


@pytest.fixture
def approval_run(course):
    return CourseRunFactory(course=course, enrollment_policy="approval")


@pytest.fixture
def pending(learner, approval_run):
    return enrollment_create(learner=learner, run=approval_run)


def test_course_instructor_sees_and_approves_its_requests(client, course, pending):
    client.force_login(instructor_create(courses=[course]))
    assert list(client.get(reverse("learning:approvals")).context["pending"]) == [
        pending
    ]
    response = client.post(
        reverse("learning:approvals"),
        {"enrollment": pending.pk, "decision": "approve"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == EnrollmentStatus.ACTIVE


def test_course_instructor_can_reject_a_request(client, course, pending):
    client.force_login(instructor_create(courses=[course]))
    client.post(
        reverse("learning:approvals"), {"enrollment": pending.pk, "decision": "reject"}
    )
    pending.refresh_from_db()
    assert pending.status == EnrollmentStatus.REJECTED


def test_another_courses_instructor_does_not_see_the_request(client, catalog, pending):
    other_course = course_tree_create(index=catalog)
    client.force_login(instructor_create(courses=[other_course]))
    response = client.get(reverse("learning:approvals"))
    assert response.status_code == 200
    assert list(response.context["pending"]) == []


def test_another_courses_instructor_cannot_approve_the_request(
    client, catalog, pending
):
    other_course = course_tree_create(index=catalog)
    client.force_login(instructor_create(courses=[other_course]))
    response = client.post(
        reverse("learning:approvals"),
        {"enrollment": pending.pk, "decision": "approve"},
    )
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == EnrollmentStatus.PENDING


def test_a_learner_cannot_approve_a_request(client, pending):
    client.force_login(UserFactory())
    response = client.post(
        reverse("learning:approvals"),
        {"enrollment": pending.pk, "decision": "approve"},
    )
    assert response.status_code in (403, 404)
    pending.refresh_from_db()
    assert pending.status == EnrollmentStatus.PENDING


def test_a_learner_cannot_open_the_approval_queue(client, learner):
    client.force_login(learner)
    assert client.get(reverse("learning:approvals")).status_code == 403


def test_approvals_send_an_anonymous_visitor_to_log_in(client, pending):
    response = client.post(
        reverse("learning:approvals"),
        {"enrollment": pending.pk, "decision": "approve"},
    )
    assert _is_login_redirect(response)
    pending.refresh_from_db()
    assert pending.status == EnrollmentStatus.PENDING


def test_staff_see_every_request(client, staff_user, pending):
    client.force_login(staff_user)
    assert list(client.get(reverse("learning:approvals")).context["pending"]) == [
        pending
    ]


# lessons


def test_enrolled_learner_reads_a_lesson(client, learner, enrollment, lesson):
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert lesson.title in response.content.decode()


def test_lesson_of_a_closed_course_is_refused_to_a_learner_not_enrolled(
    client, other_user, enrollment, lesson
):
    client.force_login(other_user)
    assert client.get(lesson.url).status_code == 403


def test_lesson_of_a_closed_course_sends_an_anonymous_visitor_to_log_in(client, lesson):
    assert _is_login_redirect(client.get(lesson.url))


def test_lesson_of_a_closed_course_is_refused_to_another_courses_instructor(
    client, catalog, lesson
):
    other_course = course_tree_create(index=catalog)
    client.force_login(instructor_create(courses=[other_course]))
    assert client.get(lesson.url).status_code == 403


def test_course_instructor_reads_its_lessons(client, course, lesson):
    client.force_login(instructor_create(courses=[course]))
    assert client.get(lesson.url).status_code == 200


def test_waitlisted_learner_cannot_read_lessons_yet(client, course, lesson):
    run = CourseRunFactory(course=course, capacity=1)
    enrollment_create(learner=UserFactory(), run=run)
    waiting = UserFactory()
    enrollment_create(learner=waiting, run=run)
    client.force_login(waiting)
    assert client.get(lesson.url).status_code == 403


def test_lesson_of_an_open_course_is_readable_by_an_anonymous_visitor(client, catalog):
    course = course_tree_create(index=catalog, is_open=True, learning_mode="informal")
    lesson = course_outline(course=course).lessons[0]
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert lesson.title in response.content.decode()


def test_visiting_a_lesson_records_that_it_was_viewed(
    client, learner, enrollment, lesson
):
    client.force_login(learner)
    client.get(lesson.url)
    assert learner.lesson_progress.filter(lesson_id=lesson.pk).exists()


# the dashboard


def test_dashboard_lists_my_courses_only(client, learner, enrollment, catalog):
    other_run = CourseRunFactory(course=course_tree_create(index=catalog))
    enrollment_create(learner=UserFactory(), run=other_run)
    client.force_login(learner)
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 200
    assert [e.enrollment for e in response.context["entries"]] == [enrollment]


def test_dashboard_sends_an_anonymous_visitor_to_log_in(client):
    assert _is_login_redirect(client.get(reverse("learning:dashboard")))


def test_dashboard_is_english_under_en(client, learner, enrollment):
    client.force_login(learner)
    assert client.get("/en/learn/").status_code == 200
