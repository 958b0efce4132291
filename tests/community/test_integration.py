"""The notification tasks round-trip through a real Celery worker on Redis:
the digest sent twice is sent once, and a reply notifies through the worker.
"""

import pytest
from django.utils import timezone

from lms.community import tasks
from lms.community.models import Notification, NotificationDigest
from lms.community.services import notification_send

from ..factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_digest_task_twice_in_the_worker_sends_one_digest(celery_worker_process):
    person = UserFactory()
    for n in range(3):
        notification_send(recipient=person, kind="x", title=f"소식 {n}")
    day = timezone.localdate().isoformat()
    assert tasks.notification_digest_send.delay(person.pk, day).get(timeout=30) is True
    assert tasks.notification_digest_send.delay(person.pk, day).get(timeout=30) is False
    digest = NotificationDigest.objects.get()
    assert (digest.recipient_id, digest.item_count) == (person.pk, 3)
    assert digest.sent_at is not None
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_the_daily_beat_in_the_worker_fans_out_once(celery_worker_process):
    people = UserFactory.create_batch(2)
    for person in people:
        notification_send(recipient=person, kind="x", title="소식")
    assert tasks.notification_digests_send.delay().get(timeout=30) == 2
    assert tasks.notification_digests_send.delay().get(timeout=30) == 0


def test_an_immediate_e_mail_task_is_idempotent_in_the_worker(celery_worker_process):
    from lms.community.services import notification_preference_set

    person = UserFactory()
    notification_preference_set(user=person, email_mode="immediate")
    notification = Notification.objects.create(recipient=person, kind="x", title="t")
    assert tasks.notification_email_send.delay(notification.pk).get(timeout=30) is True
    assert tasks.notification_email_send.delay(notification.pk).get(timeout=30) is False
    assert Notification.objects.get(pk=notification.pk).emailed_at is not None
