"""Fixtures of the community tests: a course with a run, its learners, its
instructor, and the people who must be kept out.
"""

import pytest

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    OrganizationFactory,
    UserFactory,
    course_tree_create,
    instructor_create,
)


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    """Tests write more than a person would; the rate-limit tests lower these."""
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        **{
            f"community.{action}": ["10000/m"]
            for action in (
                "thread",
                "post",
                "flag",
                "vote",
                "group",
                "invite",
                "booking",
            )
        },
    }


@pytest.fixture(autouse=True)
def _on_commit_runs_at_once(request, monkeypatch):
    """In tests wrapped in a transaction nothing commits, so the notification
    tasks queued with `transaction.on_commit` would never run: run them at once.
    Tests on a real transactional database (concurrency, the Celery worker)
    keep Django's behaviour.
    """
    marker = request.node.get_closest_marker("django_db")
    if request.node.get_closest_marker("integration") or (
        marker is not None and marker.kwargs.get("transaction")
    ):
        return
    from django.db import transaction

    monkeypatch.setattr(
        transaction, "on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture
def course(catalog):
    return course_tree_create(index=catalog, modules=1, lessons=2)


@pytest.fixture
def run(course):
    return CourseRunFactory(course=course)


@pytest.fixture
def learner(run):
    """An active learner of `run`."""
    return EnrollmentFactory(run=run).learner


@pytest.fixture
def learner2(run):
    return EnrollmentFactory(run=run).learner


@pytest.fixture
def instructor(course):
    """An instructor of `course`: moderates its runs' forums."""
    return instructor_create(courses=[course])


@pytest.fixture
def other_instructor(catalog):
    """An instructor of another course."""
    return instructor_create(courses=[course_tree_create(index=catalog)])


@pytest.fixture
def outsider(db):
    """A signed-up learner who is not in the run."""
    return UserFactory()


@pytest.fixture
def other_run_learner(catalog):
    """A learner of another course's run."""
    other = CourseRunFactory(course=course_tree_create(index=catalog))
    return EnrollmentFactory(run=other).learner


@pytest.fixture
def forum(run):
    from lms.community.services import forum_for_run

    return forum_for_run(run=run)


@pytest.fixture
def thread(forum, learner):
    from lms.community.services import thread_create

    return thread_create(
        author=learner,
        forum=forum,
        title="협동조합 설립 절차가 궁금합니다",
        body="발기인은 몇 명이 필요한가요?",
        kind="question",
    )


@pytest.fixture
def organization_factory():
    return OrganizationFactory


@pytest.fixture
def staff(db):
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Staff"))
    return user
