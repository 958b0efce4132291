"""Enrolment rules: window, seats, waitlist, prerequisites, approval, invitation."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus
from lms.learning.services import (
    EnrollmentError,
    enrollment_approve,
    enrollment_create,
    enrollment_reject,
    enrollment_withdraw,
)

from ..factories import CourseRunFactory, UserFactory, course_tree_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched against their English source text."""
    with translation.override("en"):
        yield


def _seats_taken(run: CourseRun) -> int:
    return CourseRun.objects.values_list("seats_taken", flat=True).get(pk=run.pk)


def test_open_run_enrols_the_learner_and_takes_a_seat(learner, run):
    enrollment = enrollment_create(learner=learner, run=run)
    assert enrollment.status == EnrollmentStatus.ACTIVE
    assert _seats_taken(run) == 1


def test_second_enrolment_in_the_same_run_is_a_no_op(learner, run):
    first = enrollment_create(learner=learner, run=run)
    second = enrollment_create(learner=learner, run=run)
    assert second.pk == first.pk
    assert Enrollment.objects.count() == 1
    assert _seats_taken(run) == 1


def test_enrolment_before_the_window_opens_is_refused(learner, course):
    run = CourseRunFactory(
        course=course, enrollment_opens_at=timezone.now() + timedelta(days=1)
    )
    with pytest.raises(EnrollmentError, match="not opened yet"):
        enrollment_create(learner=learner, run=run)
    assert not Enrollment.objects.exists()


def test_enrolment_after_the_window_closes_is_refused(learner, course):
    run = CourseRunFactory(
        course=course, enrollment_closes_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(EnrollmentError, match="closed"):
        enrollment_create(learner=learner, run=run)
    assert not Enrollment.objects.exists()


def test_enrolment_inside_the_window_is_accepted(learner, course):
    now = timezone.now()
    run = CourseRunFactory(
        course=course,
        enrollment_opens_at=now - timedelta(days=1),
        enrollment_closes_at=now + timedelta(days=1),
    )
    assert enrollment_create(learner=learner, run=run).status == EnrollmentStatus.ACTIVE


def test_unpublished_run_refuses_enrolment(learner, course):
    run = CourseRunFactory(course=course, is_published=False)
    with pytest.raises(EnrollmentError):
        enrollment_create(learner=learner, run=run)


def test_full_run_puts_the_next_learner_on_the_waitlist(course):
    run = CourseRunFactory(course=course, capacity=1)
    enrollment_create(learner=UserFactory(), run=run)
    second = enrollment_create(learner=UserFactory(), run=run)
    assert second.status == EnrollmentStatus.WAITLISTED
    assert _seats_taken(run) == 1


def test_full_run_without_a_waitlist_refuses_the_next_learner(course):
    run = CourseRunFactory(course=course, capacity=1, waitlist_enabled=False)
    enrollment_create(learner=UserFactory(), run=run)
    latecomer = UserFactory()
    with pytest.raises(EnrollmentError, match="full"):
        enrollment_create(learner=latecomer, run=run)
    assert not Enrollment.objects.filter(learner=latecomer).exists()
    assert _seats_taken(run) == 1


def test_missing_prerequisite_refuses_enrolment_and_names_it(learner, catalog, run):
    basics = course_tree_create(index=catalog, title="사회적경제 입문")
    run.course.prerequisites.set([basics])
    run.course.save()
    with pytest.raises(EnrollmentError, match="사회적경제 입문"):
        enrollment_create(learner=learner, run=run)
    assert not Enrollment.objects.filter(run=run).exists()


def test_met_prerequisite_allows_enrolment(learner, catalog, run):
    basics = course_tree_create(index=catalog)
    CourseRunFactory(course=basics).enrollments.create(
        learner=learner, status=EnrollmentStatus.COMPLETED
    )
    run.course.prerequisites.set([basics])
    run.course.save()
    assert enrollment_create(learner=learner, run=run).status == EnrollmentStatus.ACTIVE


def test_prerequisite_only_started_is_not_met(learner, catalog, run):
    basics = course_tree_create(index=catalog)
    CourseRunFactory(course=basics).enrollments.create(
        learner=learner, status=EnrollmentStatus.ACTIVE
    )
    run.course.prerequisites.set([basics])
    run.course.save()
    with pytest.raises(EnrollmentError):
        enrollment_create(learner=learner, run=run)


def test_approval_run_leaves_the_request_pending_without_a_seat(learner, course):
    run = CourseRunFactory(course=course, enrollment_policy="approval")
    enrollment = enrollment_create(learner=learner, run=run)
    assert enrollment.status == EnrollmentStatus.PENDING
    assert _seats_taken(run) == 0


def test_approving_a_request_enrols_the_learner(learner, staff_user, course):
    run = CourseRunFactory(course=course, enrollment_policy="approval", capacity=5)
    pending = enrollment_create(learner=learner, run=run)
    approved = enrollment_approve(enrollment=pending, actor=staff_user)
    assert approved.status == EnrollmentStatus.ACTIVE
    assert approved.decided_by == staff_user
    assert _seats_taken(run) == 1


def test_approving_a_request_when_full_puts_it_on_the_waitlist(staff_user, course):
    run = CourseRunFactory(course=course, enrollment_policy="approval", capacity=1)
    first = enrollment_create(learner=UserFactory(), run=run)
    second = enrollment_create(learner=UserFactory(), run=run)
    enrollment_approve(enrollment=first, actor=staff_user)
    assert (
        enrollment_approve(enrollment=second, actor=staff_user).status
        == EnrollmentStatus.WAITLISTED
    )
    assert _seats_taken(run) == 1


def test_rejecting_a_request_frees_nothing_and_records_who(learner, staff_user, course):
    run = CourseRunFactory(course=course, enrollment_policy="approval")
    pending = enrollment_create(learner=learner, run=run)
    rejected = enrollment_reject(enrollment=pending, actor=staff_user)
    assert rejected.status == EnrollmentStatus.REJECTED
    assert rejected.decided_by == staff_user
    assert _seats_taken(run) == 0


def test_a_decided_request_cannot_be_decided_again(learner, staff_user, course):
    run = CourseRunFactory(course=course, enrollment_policy="approval")
    pending = enrollment_create(learner=learner, run=run)
    enrollment_reject(enrollment=pending, actor=staff_user)
    with pytest.raises(EnrollmentError, match="already been decided"):
        enrollment_approve(enrollment=pending, actor=staff_user)


def test_right_invitation_code_enrols(learner, course):
    run = CourseRunFactory(
        course=course, enrollment_policy="invitation", invitation_code="jeonbuk-26"
    )
    enrollment = enrollment_create(
        learner=learner, run=run, invitation_code="jeonbuk-26"
    )
    assert enrollment.status == EnrollmentStatus.ACTIVE


def test_wrong_invitation_code_is_refused(learner, course):
    run = CourseRunFactory(
        course=course, enrollment_policy="invitation", invitation_code="jeonbuk-26"
    )
    with pytest.raises(EnrollmentError, match="invitation code"):
        enrollment_create(learner=learner, run=run, invitation_code="guess")
    assert not Enrollment.objects.exists()


def test_missing_invitation_code_is_refused(learner, course):
    run = CourseRunFactory(
        course=course, enrollment_policy="invitation", invitation_code="jeonbuk-26"
    )
    with pytest.raises(EnrollmentError):
        enrollment_create(learner=learner, run=run)


def test_withdrawing_frees_the_seat(learner, course):
    run = CourseRunFactory(course=course, capacity=3)
    enrollment = enrollment_create(learner=learner, run=run)
    withdrawn = enrollment_withdraw(enrollment=enrollment)
    assert withdrawn.status == EnrollmentStatus.WITHDRAWN
    assert _seats_taken(run) == 0


def test_withdrawing_gives_the_seat_to_the_first_waitlisted_learner(course):
    run = CourseRunFactory(course=course, capacity=1)
    seated = enrollment_create(learner=UserFactory(), run=run)
    first_waiting = enrollment_create(learner=UserFactory(), run=run)
    second_waiting = enrollment_create(learner=UserFactory(), run=run)
    enrollment_withdraw(enrollment=seated)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == EnrollmentStatus.ACTIVE
    assert second_waiting.status == EnrollmentStatus.WAITLISTED
    assert _seats_taken(run) == 1


def test_withdrawing_from_the_waitlist_promotes_no_one(course):
    run = CourseRunFactory(course=course, capacity=1)
    enrollment_create(learner=UserFactory(), run=run)
    waiting = enrollment_create(learner=UserFactory(), run=run)
    behind = enrollment_create(learner=UserFactory(), run=run)
    enrollment_withdraw(enrollment=waiting)
    behind.refresh_from_db()
    assert behind.status == EnrollmentStatus.WAITLISTED
    assert _seats_taken(run) == 1


def test_withdrawing_twice_is_a_no_op(learner, run):
    enrollment = enrollment_create(learner=learner, run=run)
    enrollment_withdraw(enrollment=enrollment)
    enrollment_withdraw(enrollment=enrollment)
    assert _seats_taken(run) == 0


def test_a_completed_enrolment_cannot_be_withdrawn(learner, run):
    enrollment = enrollment_create(learner=learner, run=run)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=EnrollmentStatus.COMPLETED
    )
    with pytest.raises(EnrollmentError):
        enrollment_withdraw(enrollment=enrollment)
    assert _seats_taken(run) == 1


def test_a_withdrawn_learner_may_enrol_again(learner, run):
    enrollment = enrollment_create(learner=learner, run=run)
    enrollment_withdraw(enrollment=enrollment)
    again = enrollment_create(learner=learner, run=run)
    assert again.pk == enrollment.pk
    assert again.status == EnrollmentStatus.ACTIVE
    assert _seats_taken(run) == 1


def test_database_refuses_more_seats_than_capacity(course):
    """The check constraint holds even when code bypasses the services."""
    from django.db import IntegrityError, transaction

    run = CourseRunFactory(course=course, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CourseRun.objects.filter(pk=run.pk).update(seats_taken=2)
