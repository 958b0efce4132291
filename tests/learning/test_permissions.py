"""The learning rules (django-rules): one answer for views, templates, the API
and the admin, whoever asks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from lms.learning.permissions import run_manage_allowed

pytestmark = pytest.mark.django_db


def test_who_manages_a_run(
    run, learner, course_instructor, other_instructor, staff_user
):
    expected = {
        staff_user: True,
        course_instructor: True,
        other_instructor: False,
        learner: False,
        AnonymousUser(): False,
    }
    for user, allowed in expected.items():
        # the admin's and DRF's question, through rules' ObjectPermissionBackend
        assert user.has_perm("learning.manage_run", run) is allowed, user
        assert run_manage_allowed(user=user, run=run) is allowed, user


def test_templates_ask_the_same_rule(run, course_instructor, other_instructor):
    template = Template(
        "{% load rules %}{% has_perm 'learning.manage_run' user run as ok %}"
        "{{ ok|yesno:'yes,no' }}"
    )
    assert template.render(Context({"user": course_instructor, "run": run})) == "yes"
    assert template.render(Context({"user": other_instructor, "run": run})) == "no"


def test_open_courses_are_readable_by_anyone_closed_ones_by_their_people(
    run, learner, course_instructor
):
    course = run.course
    assert not AnonymousUser().has_perm("learning.read_course", course)
    assert not learner.has_perm("learning.read_course", course)
    assert course_instructor.has_perm("learning.read_course", course)
