"""What partners hear from learning and certificates: webhook events.

The receivers do no query: they queue a task after the transaction commits,
and only for enrolments that a partner made through the API.
"""

from functools import partial

from django.db import transaction


def _enrolment_data(enrollment) -> dict:
    return {
        "enrolment": enrollment.pk,
        "run": enrollment.run_id,
        "status": enrollment.status,
        "completed_at": enrollment.completed_at.isoformat()
        if enrollment.completed_at
        else None,
        "final_grade": str(enrollment.final_grade)
        if enrollment.final_grade is not None
        else None,
    }


def _emit(enrollment, event: str) -> None:
    from .tasks import webhook_event_emit

    if enrollment.source != "api":
        return
    transaction.on_commit(
        partial(
            webhook_event_emit.delay,
            enrollment.learner_id,
            event,
            _enrolment_data(enrollment),
        )
    )


def enrollment_saved(sender, *, instance, update_fields=None, **kwargs) -> None:
    # a save of other fields only (the e-mail bookkeeping) changes nothing
    # the partner hears of
    if update_fields is not None and not {"status", "final_grade"} & set(update_fields):
        return
    _emit(instance, "enrolment.changed")


def enrollment_completed(sender, *, enrollment, **kwargs) -> None:
    _emit(enrollment, "enrolment.completed")


def certificate_saved(sender, *, instance, created, **kwargs) -> None:
    from .tasks import webhook_certificate_issued

    if created:
        transaction.on_commit(partial(webhook_certificate_issued.delay, instance.pk))
