"""Prometheus metrics at /metrics, for operators only.

django-prometheus measures database and cache timings, and its metrics of
requests are recorded by `metrics_middleware` (one step, outermost: latency by
view and method, responses by status); this module adds what a learning
platform's operator watches besides: the Celery queue's length (read from the
broker when scraped) and task failures. The page is refused unless the scraper
shows `METRICS_TOKEN` as a bearer token or comes from `METRICS_ALLOWED_NETWORKS`.
"""

from __future__ import annotations

import hmac
import ipaddress
from timeit import default_timer

from django.conf import settings
from django.http import HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import REGISTRY, Counter
from prometheus_client.core import GaugeMetricFamily

celery_task_failures = Counter(
    "campus_celery_task_failures_total",
    "Celery tasks that raised, by task name.",
    ["task"],
)


class CeleryQueueCollector:
    """The number of messages waiting in the Celery queue, read at scrape time."""

    def collect(self):
        from lms.celery import app

        gauge = GaugeMetricFamily(
            "campus_celery_queue_length",
            "Messages waiting in the Celery queue (Redis broker).",
            labels=["queue"],
        )
        queue = app.conf.task_default_queue or "celery"
        broker = app.conf.broker_url or ""
        if (
            broker.startswith(("redis://", "rediss://"))
            and not app.conf.task_always_eager
        ):
            try:
                with app.connection_for_read(connect_timeout=1) as conn:
                    length = conn.default_channel.client.llen(queue)
            except Exception:  # a scrape never fails for want of the broker
                length = float("nan")
            gauge.add_metric([queue], length)
        yield gauge


METHODS = frozenset(
    ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT")
)
PAGE_CACHE_VIEW = "<page cache>"


def metrics_middleware(get_response):
    """Request metrics in one step, as the outermost middleware.

    django-prometheus's two middleware (before and after the stack) record
    some fifteen series per request and cost a sixth of a plain request
    (bench/README.md, "Middleware floor"); this records, under django-prometheus's
    names, what operators read: the latency by view and method (including
    the middleware: what a visitor waits for), the latency of all requests,
    and responses by status, view and method. A page answered from the
    anonymous page cache is the view `<page cache>`.
    """
    from django_prometheus.middleware import Metrics

    metrics = Metrics.get_instance()
    latency_all = metrics.requests_latency_before
    latency_by_view = metrics.requests_latency_by_view_method
    responses = metrics.responses_by_status_view_method

    def middleware(request):
        start = default_timer()
        response = get_response(request)
        elapsed = default_timer() - start
        method = request.method if request.method in METHODS else "<invalid method>"
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name:
            view = match.view_name
        elif response.get("X-Campus-Cache") == "hit":
            view = PAGE_CACHE_VIEW
        else:
            view = "<unnamed view>"
        latency_all.observe(elapsed)
        latency_by_view.labels(view=view, method=method).observe(elapsed)
        responses.labels(
            status=str(response.status_code), view=view, method=method
        ).inc()
        return response

    return middleware


def celery_task_failed(sender=None, **kwargs):
    celery_task_failures.labels(task=getattr(sender, "name", "unknown")).inc()


def metrics_collectors_register() -> None:
    """Register the extra collectors once (AppConfig.ready)."""
    from celery.signals import task_failure

    task_failure.connect(celery_task_failed, dispatch_uid="campus-task-failure-metric")
    if not getattr(REGISTRY, "_campus_queue_collector", False):
        REGISTRY.register(CeleryQueueCollector())
        REGISTRY._campus_queue_collector = True


def _client_allowed(request) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    header = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(header, f"Bearer {token}"):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in getattr(settings, "METRICS_ALLOWED_NETWORKS", [])
    )


@never_cache
@require_GET
def metrics(request):
    """The Prometheus text exposition, for allowed scrapers only."""
    if not _client_allowed(request):
        return HttpResponseForbidden("forbidden\n", content_type="text/plain")
    return ExportToDjangoView(request)
