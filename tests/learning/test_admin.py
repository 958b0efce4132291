"""Course runs in the Wagtail admin: staff set dates, enrolment and completion."""

import datetime as dt

import pytest
from django.urls import reverse

from lms.learning.models import CourseRun

pytestmark = pytest.mark.django_db


def _form_data(run, **changes) -> dict:
    data = {
        "course": run.course_id,
        "title_ko": run.title_ko,
        "title_en": run.title_en,
        "starts_on": "2031-03-03",
        "ends_on": "2031-03-28",
        "pacing": run.pacing,
        "enrollment_opens_at": "",
        "enrollment_closes_at": "",
        "capacity": "30",
        "enrollment_policy": run.enrollment_policy,
        "invitation_code": run.invitation_code,
        "waitlist_enabled": "on",
        "is_published": "on",
        "completion_requires_lessons": "on",
        "completion_requires_assessments": "on",
        "completion_min_grade": "60",
        "completion_min_attendance": "80",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_staff_set_a_runs_completion_rules(client, staff_user, run):
    client.force_login(staff_user)
    url = reverse("course_runs:edit", args=[run.pk])
    form = client.get(url).context["form"]
    assert {"completion_min_grade", "completion_min_attendance"} <= set(form.fields)
    response = client.post(url, _form_data(run))
    assert response.status_code == 302
    run = CourseRun.objects.get(pk=run.pk)
    assert (run.completion_min_grade, run.completion_min_attendance) == (60, 80)


def test_a_minimum_over_100_percent_is_refused(client, staff_user, run):
    client.force_login(staff_user)
    url = reverse("course_runs:edit", args=[run.pk])
    response = client.post(url, _form_data(run, completion_min_attendance="120"))
    assert response.status_code == 200
    assert "completion_min_attendance" in response.context["form"].errors
    assert CourseRun.objects.get(pk=run.pk).completion_min_attendance is None


def test_learners_cannot_open_the_run_admin(client, learner, run):
    client.force_login(learner)
    response = client.get(reverse("course_runs:edit", args=[run.pk]))
    assert response.status_code in (302, 403)


# --- capacity goes through course_run_update -------------------------------------


@pytest.fixture
def full_run(run):
    """A run of 3 seats, all taken, with two learners waiting (oldest first)."""
    from lms.learning.services import enrollment_create

    from ..factories import UserFactory

    CourseRun.objects.filter(pk=run.pk).update(capacity=3)
    run.refresh_from_db()
    enrolled = [enrollment_create(learner=UserFactory(), run=run) for _ in range(5)]
    assert [e.status for e in enrolled] == ["active"] * 3 + ["waitlisted"] * 2
    return run, enrolled


def test_a_capacity_below_the_seats_taken_is_a_form_error_naming_them(
    client, staff_user, full_run
):
    run, _ = full_run
    client.force_login(staff_user)
    url = reverse("course_runs:edit", args=[run.pk])
    response = client.post(url, _form_data(run, capacity="1"))
    assert response.status_code == 200  # was 500: IntegrityError
    errors = response.context["form"].errors["capacity"]
    assert any("3" in str(error) for error in errors)
    run.refresh_from_db()
    assert (run.capacity, run.seats_taken) == (3, 3)
    assert run.starts_on != dt.date(2031, 3, 3)  # nothing half-written


def test_a_raised_capacity_promotes_the_waitlist_in_order_and_tells_them(
    client, staff_user, full_run, mailoutbox, django_capture_on_commit_callbacks
):
    from lms.learning.models import Enrollment

    run, enrolled = full_run
    first_waiting, second_waiting = enrolled[3], enrolled[4]
    mailoutbox.clear()
    client.force_login(staff_user)
    url = reverse("course_runs:edit", args=[run.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form_data(run, capacity="4"))
    assert response.status_code == 302
    statuses = dict(
        Enrollment.objects.filter(
            pk__in=[first_waiting.pk, second_waiting.pk]
        ).values_list("pk", "status")
    )
    assert statuses == {first_waiting.pk: "active", second_waiting.pk: "waitlisted"}
    assert CourseRun.objects.get(pk=run.pk).seats_taken == 4
    assert [m.to for m in mailoutbox] == [[first_waiting.learner.email]]


def test_the_run_edit_is_logged_in_wagtails_history(client, staff_user, run):
    from wagtail.models import ModelLogEntry

    client.force_login(staff_user)
    client.post(reverse("course_runs:edit", args=[run.pk]), _form_data(run))
    assert ModelLogEntry.objects.filter(
        object_id=str(run.pk), action="wagtail.edit", user=staff_user
    ).exists()


def test_staff_add_a_run_through_the_service(client, staff_user, run):
    client.force_login(staff_user)
    response = client.post(
        reverse("course_runs:add"), _form_data(run, title_ko="2031년 봄", capacity="")
    )
    assert response.status_code == 302
    added = CourseRun.objects.get(title_ko="2031년 봄")
    assert (added.capacity, added.starts_on) == (None, dt.date(2031, 3, 3))
