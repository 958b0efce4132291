"""Exactly once under concurrency, on PostgreSQL: the same task delivered ten
times at once makes one certificate; many at once get gapless serials."""

import pytest

from certificates import tasks
from certificates.models import Certificate, CertificateBatch
from certificates.services import CertificateError, certificate_batch_start

from ..concurrency import in_parallel
from .conftest import completed_enrollment_create

# every test asks for `postgresql`: on SQLite they are skipped at collection
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_task_fired_ten_times_at_once_makes_one_certificate(
    postgresql, run, learner
):
    enrollment = completed_enrollment_create(run=run, learner=learner)
    # the task body in each thread, as ten workers would run ten deliveries
    results, errors = in_parallel(
        lambda _: tasks.certificate_issue.run(enrollment.pk), range(10)
    )
    assert errors == []
    assert len(set(results)) == 1
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.pdf_name
    assert certificate.events.count() == 1


def test_many_learners_at_once_get_distinct_gapless_serials(postgresql, run):
    enrollments = [completed_enrollment_create(run=run) for _ in range(12)]
    results, errors = in_parallel(
        lambda enrollment: tasks.certificate_issue.run(enrollment.pk), enrollments
    )
    assert errors == []
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    numbers = [int(serial.rsplit("-", 1)[1]) for serial in serials]
    assert numbers == list(range(1, 13))


def test_two_bulk_issues_of_a_run_at_once_start_one(
    postgresql, run, staff, monkeypatch
):
    for _ in range(3):
        completed_enrollment_create(run=run)
    monkeypatch.setattr(tasks.certificate_batch_run, "delay", lambda batch_id: None)

    def start(_):
        try:
            return certificate_batch_start(run=run, mode="issue_missing", actor=staff)
        except CertificateError as error:
            return error

    results, errors = in_parallel(start, range(4))
    assert errors == []
    assert CertificateBatch.objects.count() == 1
    assert sum(isinstance(result, CertificateError) for result in results) == 3
