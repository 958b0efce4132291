"""Bulk issue of a run: each item once, counted once, safe to redeliver."""

import pytest

from certificates import services
from certificates.models import Certificate, CertificateBatch, CertificateBatchItem
from certificates.services import CertificateError, certificate_batch_start

from .conftest import completed_enrollment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_completed(run):
    return [completed_enrollment_create(run=run) for _ in range(3)]


def _start(run, staff, mode="issue_missing", reason="", capture=None):
    with capture(execute=True):
        return certificate_batch_start(run=run, mode=mode, actor=staff, reason=reason)


def test_issue_missing_skips_those_who_have_one(
    run, staff, three_completed, django_capture_on_commit_callbacks
):
    services.certificate_issue(enrollment_id=three_completed[0].pk)
    batch = _start(run, staff, capture=django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.total, batch.processed, batch.issued, batch.status) == (
        2,
        2,
        2,
        "done",
    )
    assert Certificate.objects.current().filter(run=run).count() == 3
    assert all(c.pdf_name for c in Certificate.objects.filter(batch=batch))


def test_a_redelivered_chunk_neither_repeats_nor_double_counts(
    run, staff, three_completed, django_capture_on_commit_callbacks
):
    batch = _start(run, staff, capture=django_capture_on_commit_callbacks)
    ids = [e.pk for e in three_completed]
    services.certificate_batch_chunk(batch_id=batch.pk, enrollment_ids=ids)
    services.certificate_batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.processed, batch.issued) == (3, 3)
    assert Certificate.objects.filter(run=run).count() == 3


def test_a_chunk_killed_after_issuing_is_counted_when_run_again(
    run, staff, three_completed, django_capture_on_commit_callbacks, monkeypatch
):
    """The worker died after the certificate committed, before the item was
    marked: the rerun finds the certificate, draws the PDF, counts it once."""
    with django_capture_on_commit_callbacks(execute=False):
        batch = certificate_batch_start(run=run, mode="issue_missing", actor=staff)
    first = three_completed[0]
    certificate, _ = services.certificate_issue(enrollment_id=first.pk, batch=batch)
    services.certificate_batch_chunk(
        batch_id=batch.pk, enrollment_ids=[e.pk for e in three_completed]
    )
    batch.refresh_from_db()
    assert (batch.processed, batch.issued, batch.status) == (3, 3, "done")
    assert Certificate.objects.get(pk=certificate.pk).pdf_name


def test_reissue_all_replaces_every_valid_certificate_once(
    run, staff, three_completed, django_capture_on_commit_callbacks
):
    old = [services.certificate_issue(enrollment_id=e.pk)[0] for e in three_completed]
    services.certificate_revoke(certificate=old[2], actor=staff, reason="부정")
    batch = _start(
        run,
        staff,
        "reissue_all",
        "과정명 표기 수정",
        django_capture_on_commit_callbacks,
    )
    batch.refresh_from_db()
    assert (batch.total, batch.processed, batch.issued) == (2, 2, 2)
    services.certificate_batch_chunk(  # redelivered: the new ones are left alone
        batch_id=batch.pk, enrollment_ids=[e.pk for e in three_completed]
    )
    current = Certificate.objects.current().filter(run=run)
    assert current.filter(batch=batch).count() == 2
    assert current.get(pk=old[2].pk).status == "revoked"
    assert Certificate.objects.filter(run=run, is_current=False).count() == 2


def test_one_bulk_issue_per_run_at_a_time(run, staff, three_completed):
    certificate_batch_start(run=run, mode="issue_missing", actor=staff)
    with pytest.raises(CertificateError):
        certificate_batch_start(run=run, mode="issue_missing", actor=staff)
    assert CertificateBatch.objects.count() == 1
    assert CertificateBatchItem.objects.count() == 3


def test_a_run_with_nothing_to_do_is_done_at_once(run, staff):
    batch = certificate_batch_start(run=run, mode="issue_missing", actor=staff)
    assert batch.status == "done" and batch.percent == 100
