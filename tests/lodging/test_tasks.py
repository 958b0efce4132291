"""The hold release runs on Celery beat's schedule, and in a real worker."""

import datetime as dt

import pytest
from django.utils import timezone

from lms.lodging.models import GenderPolicy, Stay, StayStatus
from lms.lodging.services import stay_hold
from lms.lodging.tasks import stay_holds_release, stay_status_notify

from ..factories.lodging import room_create


@pytest.mark.django_db
def test_beat_releases_expired_holds_every_minute():
    """The schedule is a data migration for django-celery-beat's scheduler."""
    from django.conf import settings
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="lms.lodging.tasks.stay_holds_release")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (1, "minutes")
    assert settings.CELERY_BEAT_SCHEDULER.startswith("django_celery_beat.")
    assert stay_holds_release.acks_late


@pytest.mark.django_db
def test_the_notification_goes_once_per_status(
    enrollment, women_room, mailoutbox, django_capture_on_commit_callbacks
):
    stay = stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends
        assert stay_status_notify(stay.pk) is True
        assert stay_status_notify(stay.pk) is False
    assert len(mailoutbox) == 1
    assert "확정" in mailoutbox[0].subject
    assert "201" in mailoutbox[0].body


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_release_runs_in_a_real_worker(celery_worker_process, enrol, floor):
    room_create(floor=floor, number="101", beds=1)
    first = stay_hold(enrollment=enrol(), room_policy=GenderPolicy.WOMEN)
    waiting = stay_hold(enrollment=enrol(), room_policy=GenderPolicy.WOMEN)
    Stay.objects.filter(pk=first.pk).update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert stay_holds_release.delay().get(timeout=30) == 1
    assert stay_holds_release.delay().get(timeout=30) == 0
    assert Stay.objects.get(pk=first.pk).status == StayStatus.EXPIRED
    assert Stay.objects.get(pk=waiting.pk).status == StayStatus.HELD
