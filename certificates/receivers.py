"""What certificates do when learning says an enrolment is complete."""

from functools import partial

from django.db import transaction


def enrollment_completed_issue(sender, *, enrollment, **kwargs) -> None:
    """Queue the certificate; the task decides whether the course issues by itself.

    The signal comes after the completing transaction committed; on_commit
    still guards a sender that one day sends it inside a transaction.
    """
    from .tasks import certificate_issue_on_completion

    transaction.on_commit(partial(certificate_issue_on_completion.delay, enrollment.pk))
