"""Course runs in the Wagtail admin: staff set dates, enrolment and completion."""

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
