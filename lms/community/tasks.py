"""Celery tasks of social learning: thin, idempotent wrappers of services.

Each takes ids, is enqueued with `transaction.on_commit`, and is safe to run
twice (dedupe keys, digest rows and stamped rows make the second run a no-op).
"""

import datetime as dt

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from .services import cohorts, forum_notify, notifications, peer_review
from .services.errors import CommunityError

TASK = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
}


@shared_task(**TASK)
def notification_email_send(notification_id: int) -> bool:
    return notifications.notification_email_send(notification_id=notification_id)


@shared_task(**TASK)
def notification_digest_send(user_id: int, day: str) -> bool:
    return notifications.notification_digest_send(
        user_id=user_id, day=dt.date.fromisoformat(day)
    )


@shared_task(**TASK)
def notification_digests_send(day: str | None = None) -> int:
    """The daily beat: one digest task per person who has something waiting."""
    day = day or timezone.localdate().isoformat()
    recipients = notifications.digest_recipients(day=dt.date.fromisoformat(day))
    for user_id in recipients:
        notification_digest_send.delay(user_id, day)
    return len(recipients)


@shared_task(**TASK)
def thread_created_notify(thread_id: int) -> int:
    return forum_notify.thread_created_notify(thread_id=thread_id)


@shared_task(**TASK)
def post_created_notify(post_id: int) -> int:
    return forum_notify.post_created_notify(post_id=post_id)


@shared_task(**TASK)
def answer_accepted_notify(post_id: int) -> bool:
    return forum_notify.answer_accepted_notify(post_id=post_id)


@shared_task(**TASK)
def answer_endorsed_notify(post_id: int) -> bool:
    return forum_notify.answer_endorsed_notify(post_id=post_id)


@shared_task(**TASK)
def flag_created_notify(flag_id: int) -> int:
    return forum_notify.flag_created_notify(flag_id=flag_id)


@shared_task(**TASK)
def cohort_auto_assign(enrollment_id: int) -> bool:
    return cohorts.cohort_auto_assign(enrollment_id=enrollment_id) is not None


@shared_task(**TASK)
def peer_review_rounds_open() -> int:
    """The hourly beat: open the review round of every assignment now due."""
    from .selectors import peer_review_settings_due

    opened = 0
    for settings in peer_review_settings_due(now=timezone.now()):
        try:
            peer_review.peer_review_assign(assignment=settings.assignment)
        except CommunityError:  # switched off since it was read: skip it
            continue
        opened += 1
    return opened


@shared_task(**TASK)
def peer_review_assign_late(submission_id: int) -> int:
    from lms.learning.models import Submission

    submission = (
        Submission.objects.select_related("assignment").filter(pk=submission_id).first()
    )
    if submission is None:
        return 0
    try:
        report = peer_review.peer_review_assign_late(submission=submission)
    except CommunityError:  # peer review was switched off meanwhile
        return 0
    return report.peer_reviews


@shared_task(**TASK)
def peer_reviews_overdue_handle() -> int:
    """The hourly beat: expire late peer reviews, hand them to instructors."""
    return peer_review.peer_reviews_overdue_handle()
