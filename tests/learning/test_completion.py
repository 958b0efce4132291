"""Completion: the run's rules, the requirement registry, and the signal, once."""

import pytest

from courses.outline import course_outline
from lms.learning.completion import (
    RequirementResult,
    completion_requirement_register,
    completion_requirement_unregister,
    completion_requirements,
)
from lms.learning.models import EnrollmentStatus
from lms.learning.services import lesson_progress_complete
from lms.learning.services.completion import (
    completion_status,
    enrollment_completion_evaluate,
)
from lms.learning.signals import enrollment_completed

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(course):
    return list(course_outline(course=course).lessons)


@pytest.fixture
def completions():
    """The enrolments `enrollment_completed` was sent for, in order."""
    sent = []

    def receiver(sender, enrollment, **kwargs):
        sent.append(enrollment.pk)

    enrollment_completed.connect(receiver, weak=False)
    yield sent
    enrollment_completed.disconnect(receiver)


@pytest.fixture
def gate():
    """A requirement of the test's own, plugged in as another app would.

    It applies to every run and is met once `gate["open"]` is set, which stands
    for what lecture scheduling (attendance) will register in its ready().
    """
    state = {"open": False, "calls": 0}

    def requirement(*, enrollment, context):
        state["calls"] += 1
        return RequirementResult(
            "test-gate", "Test gate", state["open"], "open" if state["open"] else ""
        )

    completion_requirement_register("test-gate", requirement)
    yield state
    completion_requirement_unregister("test-gate")


def test_learnings_own_requirements_are_registered():
    assert {"lessons", "assessments", "grade"} <= set(completion_requirements())


def test_doing_every_required_lesson_completes_the_enrolment_once(
    active_enrollment, lessons, completions, django_capture_on_commit_callbacks
):
    learner = active_enrollment.learner
    with django_capture_on_commit_callbacks(execute=True):
        lesson_progress_complete(learner=learner, lesson=lessons[0])
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == EnrollmentStatus.ACTIVE
    assert completions == []

    with django_capture_on_commit_callbacks(execute=True):
        lesson_progress_complete(learner=learner, lesson=lessons[1])
        lesson_progress_complete(learner=learner, lesson=lessons[1])
    with django_capture_on_commit_callbacks(execute=True):
        assert enrollment_completion_evaluate(enrollment=active_enrollment) is True
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == EnrollmentStatus.COMPLETED
    assert active_enrollment.completed_at is not None
    assert completions == [active_enrollment.pk]


def test_the_signal_waits_for_the_commit(active_enrollment, lessons, completions):
    """Listeners (certificates) must never see a completion that rolls back."""
    learner = active_enrollment.learner
    for lesson in lessons:
        lesson_progress_complete(learner=learner, lesson=lesson)
    # the test's transaction never commits, so nothing was sent
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == EnrollmentStatus.COMPLETED
    assert completions == []


def test_a_registered_requirement_holds_completion_until_it_is_met(
    active_enrollment, lessons, gate, completions, django_capture_on_commit_callbacks
):
    learner = active_enrollment.learner
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            lesson_progress_complete(learner=learner, lesson=lesson)
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == EnrollmentStatus.ACTIVE
    results = {r.key: r.met for r in completion_status(enrollment=active_enrollment)}
    assert results == {"lessons": True, "assessments": True, "test-gate": False}

    gate["open"] = True
    with django_capture_on_commit_callbacks(execute=True):
        assert enrollment_completion_evaluate(enrollment=active_enrollment) is True
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == EnrollmentStatus.COMPLETED
    assert completions == [active_enrollment.pk]


def test_a_requirement_that_answers_none_is_left_out(active_enrollment, gate):
    completion_requirement_register("not-for-this-run", lambda **kwargs: None)
    try:
        keys = [r.key for r in completion_status(enrollment=active_enrollment)]
    finally:
        completion_requirement_unregister("not-for-this-run")
    assert "not-for-this-run" not in keys
    assert "test-gate" in keys


def test_a_minimum_grade_needs_a_grade(active_enrollment, lessons):
    run = active_enrollment.run
    run.completion_min_grade = 60
    run.save()
    learner = active_enrollment.learner
    for lesson in lessons:
        lesson_progress_complete(learner=learner, lesson=lesson)
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == EnrollmentStatus.ACTIVE
    grade = {r.key: r for r in completion_status(enrollment=active_enrollment)}
    assert grade["grade"].met is False


def test_a_run_without_requirements_never_completes_by_itself(active_enrollment):
    run = active_enrollment.run
    run.completion_requires_lessons = False
    run.completion_requires_assessments = False
    run.save()
    assert completion_status(enrollment=active_enrollment) == []
    assert enrollment_completion_evaluate(enrollment=active_enrollment) is False


@pytest.mark.parametrize(
    "status",
    [EnrollmentStatus.PENDING, EnrollmentStatus.WAITLISTED, EnrollmentStatus.WITHDRAWN],
)
def test_only_an_active_enrolment_can_complete(active_enrollment, lessons, status):
    run = active_enrollment.run
    run.completion_requires_lessons = False
    run.save()
    active_enrollment.status = status
    active_enrollment.save()
    assert enrollment_completion_evaluate(enrollment=active_enrollment) is False
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == status


def test_a_completed_enrolment_stays_completed_when_evaluated_again(
    active_enrollment, lessons, gate, completions, django_capture_on_commit_callbacks
):
    gate["open"] = True
    learner = active_enrollment.learner
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            lesson_progress_complete(learner=learner, lesson=lesson)
    gate["open"] = False  # a requirement that later fails does not undo it
    with django_capture_on_commit_callbacks(execute=True):
        assert enrollment_completion_evaluate(enrollment=active_enrollment) is True
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == EnrollmentStatus.COMPLETED
    assert completions == [active_enrollment.pk]
