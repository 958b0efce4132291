"""Celery tasks of the timetable: thin, idempotent wrappers of services."""

from celery import shared_task
from django.db import OperationalError

from . import notifications


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def session_change_notify(session_id: int, sequence: int) -> int:
    return notifications.session_change_notify(session_id=session_id, sequence=sequence)


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def attendance_completion_evaluate(run_id: int, learner_ids: list[int]) -> int:
    """Re-evaluate completion of these learners' enrolments in the run; returns
    how many are complete. Evaluating twice changes nothing."""
    from lms.learning.models import Enrollment, EnrollmentStatus
    from lms.learning.services import enrollment_completion_evaluate

    enrollments = Enrollment.objects.filter(
        run_id=run_id, learner_id__in=learner_ids, status=EnrollmentStatus.ACTIVE
    )
    return sum(
        enrollment_completion_evaluate(enrollment=enrollment)
        for enrollment in enrollments
    )
