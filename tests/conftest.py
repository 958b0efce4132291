"""Fixtures shared by the whole suite."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from lms.celery import app as celery_app

from .factories import UserFactory, catalog_create

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Korean: a request leaves its language active in the
    thread (LocaleMiddleware does not deactivate it), and `reverse()` in the next
    test would then give /en/ URLs."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: no cached page leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def catalog(db):
    """The course catalog, served under the default site's home page."""
    return catalog_create()


def _on_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every transactional test restores what the migrations wrote; tests that
    ask for `postgresql` are skipped at collection on SQLite.

    A transactional test flushes the database afterwards. Without serialized
    rollback, the flush re-creates the content types under new ids, and the next
    test that restores the migrations' rows (Wagtail's root page and locale, the
    role groups) fails on them, or finds a cached content type that is gone. So
    every transactional test restores them, whatever the order. Runs before
    pytest-django's hook sorts the tests by their markers.
    """
    restore = pytest.mark.django_db(transaction=True, serialized_rollback=True)
    for item in items:
        if _transactional(item):
            item.add_marker(restore, append=False)
    if _on_postgresql() or os.environ.get("CAMPUS_REQUIRE_INTEGRATION"):
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: row locks, exclusion constraints and parallel "
        "connections (set DATABASE_URL=postgres://...); SQLite serialises writes"
    )
    for item in items:
        if "postgresql" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


@pytest.fixture
def postgresql():
    """Skip (fail under .ci/run) unless the tests run on PostgreSQL: row locks,
    exclusion constraints and parallel connections need a server database."""
    give_up = (
        pytest.fail if os.environ.get("CAMPUS_REQUIRE_INTEGRATION") else pytest.skip
    )
    if connection.vendor != "postgresql":
        give_up(
            "needs PostgreSQL: row locks, exclusion constraints and parallel "
            "connections (set DATABASE_URL=postgres://...); SQLite serialises writes"
        )


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real `celery worker` process on the broker, against the test database.

    Needs CELERY_BROKER_URL (Redis) and a server database (PostgreSQL): the
    worker is another process and must see what the test commits.
    """
    # .ci/run sets CAMPUS_REQUIRE_INTEGRATION, so a missing service fails there
    give_up = (
        pytest.fail if os.environ.get("CAMPUS_REQUIRE_INTEGRATION") else pytest.skip
    )
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        give_up("integration: CELERY_BROKER_URL is not set (see make test-postgres)")
    if connection.vendor != "postgresql":
        give_up("integration: needs PostgreSQL (DATABASE_URL) for a second process")
    with django_db_blocker.unblock():
        db = connection.settings_dict
    queue = f"campus-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_QUEUE": queue,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.task_default_queue, conf.result_backend
    conf.task_always_eager = False
    conf.task_default_queue = queue
    conf.result_backend = settings.CELERY_RESULT_BACKEND or broker
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                raise RuntimeError("celery worker exited:\n" + worker.stdout.read())
            replies = celery_app.control.ping(
                destination=[f"{queue}@{os.uname()[1]}"], timeout=0.5
            )
            if replies:
                break
        else:
            raise RuntimeError("celery worker did not answer within 30 s")
        yield worker
    finally:
        conf.task_always_eager, conf.task_default_queue, conf.result_backend = saved
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
