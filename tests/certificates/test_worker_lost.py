"""A worker killed in the middle of issuing: after redelivery there is still
exactly one certificate, now with its PDF (a real worker on Redis)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from certificates import tasks
from certificates.models import Certificate
from lms.celery import app as celery_app

from .conftest import completed_enrollment_create

ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.integration,
    # skipped before the transactional database is set up (see test_concurrency)
    pytest.mark.skipif(
        not (ON_POSTGRESQL and os.environ.get("CELERY_BROKER_URL"))
        and not os.environ.get("CAMPUS_REQUIRE_INTEGRATION"),
        reason="integration: needs PostgreSQL and CELERY_BROKER_URL (test-postgres)",
    ),
    pytest.mark.django_db(transaction=True),
]

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def worker_environment(tmp_path, signing_key_pem):
    give_up = (
        pytest.fail if os.environ.get("CAMPUS_REQUIRE_INTEGRATION") else pytest.skip
    )
    if not os.environ.get("CELERY_BROKER_URL"):
        give_up("integration: CELERY_BROKER_URL is not set (see make test-postgres)")
    if connection.vendor != "postgresql":
        give_up("integration: needs PostgreSQL (DATABASE_URL) for a second process")
    db = connection.settings_dict
    queue = f"campus-cert-test-{uuid.uuid4().hex[:8]}"
    gate = tmp_path / "gate"
    gate.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.certificates.worker_settings",
        "DATABASE_URL": (
            f"postgres://{db['USER'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_QUEUE": queue,
        "CERTIFICATES_TEST_GATE": str(gate),
        "CERTIFICATES_TEST_PRIVATE_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "CERTIFICATES_SIGNING_KEY": signing_key_pem,
        "SITE_URL": settings.SITE_URL,
    }
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.task_default_queue
    conf.task_always_eager = False
    conf.task_default_queue = queue
    workers: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "lms",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-Q",
                queue,
                "-n",
                f"{queue}-{len(workers)}@%h",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workers.append(worker)
        return worker

    try:
        yield start, gate
    finally:
        conf.task_always_eager, conf.task_default_queue = saved
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
        with celery_app.connection_for_write() as conn:  # leave nothing queued
            conn.default_channel.queue_purge(queue)


def test_a_worker_killed_mid_task_still_leaves_exactly_one_certificate(
    worker_environment, run, learner
):
    start, gate = worker_environment
    enrollment = completed_enrollment_create(run=run, learner=learner)
    first = start()
    tasks.certificate_issue.delay(enrollment.pk)

    # the worker is inside the task: certificate committed, PDF not yet written
    reached = _wait_for(lambda: list(gate.glob("reached-*")), 60, "the worker")
    assert int(reached[0].name.split("-")[1]) == first.pid
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.pdf_name == ""

    os.kill(first.pid, signal.SIGKILL)  # the machine dies: no ack, no cleanup
    first.wait(timeout=15)
    (gate / "open").touch()

    second = start()  # a new worker gets the unacknowledged message again
    _wait_for(
        lambda: Certificate.objects.get(pk=certificate.pk).pdf_name, 90, "redelivery"
    )
    assert second.poll() is None
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    again = Certificate.objects.get(enrollment=enrollment)
    assert again.serial == certificate.serial and again.code == certificate.code
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / again.pdf_name).read_bytes()[
        :4
    ] == b"%PDF"
