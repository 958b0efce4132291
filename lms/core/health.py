"""Liveness and readiness for load balancers and orchestrators.

`/healthz` says the process answers (no I/O at all). `/readyz` says it can
serve: the database, the cache, the Celery broker and file storage are each
tried once, cheaply, and a failing part is named with a 503 so that an
operator knows where to look. Neither needs a login, and neither reveals more
than the names of the parts.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key, token = "campus:readyz", secrets.token_hex(8)
    cache.set(key, token, timeout=10)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not return what was stored")


def _broker() -> None:
    from lms.celery import app

    if app.conf.task_always_eager or not app.conf.broker_url:
        return  # tasks run in-process: there is no broker to reach
    from kombu import Connection

    # a new connection to the configured broker, never one from the pool
    with Connection(app.conf.broker_url, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _storage() -> None:
    location = getattr(default_storage, "location", None)
    if location is not None:
        os.makedirs(location, exist_ok=True)
        if not os.access(location, os.W_OK):
            raise RuntimeError("the media folder is not writable")
        return
    default_storage.exists("campus-readyz")  # a remote storage answers at all


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "storage": _storage,
}


def readiness_report() -> tuple[bool, dict[str, dict]]:
    """Run every check; (all ok, {part: {"ok": bool, "ms": float}})."""
    report, healthy = {}, True
    for name, check in READINESS_CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception:  # any failure means "not ready"; the log has the detail
            logger.warning("readiness check %s failed", name, exc_info=True)
            report[name] = {"ok": False}
            healthy = False
        else:
            report[name] = {"ok": True}
        report[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return healthy, report


@never_cache
@require_GET
def healthz(request):
    """The process is alive."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_GET
def readyz(request):
    """The process can serve: 200, or 503 naming what is down."""
    healthy, report = readiness_report()
    body = {
        "status": "ok" if healthy else "unavailable",
        "failing": [name for name, part in report.items() if not part["ok"]],
        "checks": report,
    }
    if settings.DEBUG is False and not healthy:
        logger.error("not ready: %s", ", ".join(body["failing"]))
    return JsonResponse(body, status=200 if healthy else 503)
