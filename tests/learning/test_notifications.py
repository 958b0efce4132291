"""E-mail on enrolment changes: through the Celery task, after commit, once."""

import pytest
from django.core import mail

from lms.learning.models import EnrollmentStatus
from lms.learning.services import enrollment_create, enrollment_withdraw
from lms.learning.tasks import enrollment_status_notify

from ..factories import CourseRunFactory, EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_enrolment_e_mails_the_learner_after_commit(
    learner, run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrollment_create(learner=learner, run=run)
    assert mail.outbox == []  # nothing is sent before the transaction commits
    with django_capture_on_commit_callbacks(execute=True):  # the outbox's turn
        for callback in callbacks:
            callback()
    assert [message.to for message in mail.outbox] == [[learner.email]]


def test_promoted_learner_gets_an_e_mail_that_a_seat_is_theirs(
    course, django_capture_on_commit_callbacks
):
    run = CourseRunFactory(course=course, capacity=1)
    waiting_learner = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        seated = enrollment_create(learner=UserFactory(), run=run)
        enrollment_create(learner=waiting_learner, run=run)  # told: waitlisted
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_withdraw(enrollment=seated)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [waiting_learner.email]
    assert "A seat is yours" in message.subject
    assert course.title in message.subject


def test_notify_task_run_twice_sends_one_e_mail(
    learner, run, django_capture_on_commit_callbacks
):
    enrollment = EnrollmentFactory(learner=learner, run=run)
    with django_capture_on_commit_callbacks(execute=True):
        assert enrollment_status_notify.delay(enrollment.pk).get() is True
        assert enrollment_status_notify.delay(enrollment.pk).get() is False
    assert len(mail.outbox) == 1


def test_each_status_change_is_told_once(
    learner, run, django_capture_on_commit_callbacks
):
    enrollment = EnrollmentFactory(
        learner=learner, run=run, status=EnrollmentStatus.WAITLISTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_status_notify(enrollment.pk)
        enrollment.status = EnrollmentStatus.ACTIVE
        enrollment.save()
        enrollment_status_notify(enrollment.pk)
        enrollment_status_notify(enrollment.pk)
    assert len(mail.outbox) == 2


def test_withdrawal_sends_no_e_mail(learner, run, django_capture_on_commit_callbacks):
    enrollment = EnrollmentFactory(
        learner=learner, run=run, status=EnrollmentStatus.WAITLISTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_withdraw(enrollment=enrollment)
    assert mail.outbox == []


def test_notify_task_for_a_deleted_enrolment_does_nothing(learner, run):
    enrollment = EnrollmentFactory(learner=learner, run=run)
    enrollment_pk = enrollment.pk
    enrollment.delete()
    assert enrollment_status_notify(enrollment_pk) is False
    assert mail.outbox == []


def test_e_mail_links_to_my_learning_in_the_learners_language(
    run, django_capture_on_commit_callbacks
):
    korean = UserFactory(preferred_language="ko")
    english = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_status_notify(EnrollmentFactory(learner=korean, run=run).pk)
        enrollment_status_notify(EnrollmentFactory(learner=english, run=run).pk)
    korean_mail, english_mail = mail.outbox
    assert "/en/learn/" not in korean_mail.body
    assert "/en/learn/" in english_mail.body
