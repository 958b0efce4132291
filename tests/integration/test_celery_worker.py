"""A task makes a round trip through a real Celery worker on Redis."""

import pytest

from lms.accounts.models import AccountDeletionRequest
from lms.accounts.tasks import account_deletion_request_notify

from ..factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_task_runs_in_the_worker_and_writes_to_the_database(celery_worker_process):
    UserFactory(is_superuser=True, is_staff=True)
    request = AccountDeletionRequest.objects.create(user=UserFactory(), reason="이유")
    result = account_deletion_request_notify.delay(request.pk)
    assert result.get(timeout=30) is True
    request.refresh_from_db()
    assert request.staff_notified_at is not None


def test_the_task_is_idempotent_in_the_worker(celery_worker_process):
    request = AccountDeletionRequest.objects.create(user=UserFactory())
    assert account_deletion_request_notify.delay(request.pk).get(timeout=30) is True
    notified_at = AccountDeletionRequest.objects.get(pk=request.pk).staff_notified_at
    assert account_deletion_request_notify.delay(request.pk).get(timeout=30) is False
    assert (
        AccountDeletionRequest.objects.get(pk=request.pk).staff_notified_at
        == notified_at
    )
