"""Operations: liveness, readiness, metrics, request ids and structured logs."""

import io
import json
import logging

import pytest
from django.urls import reverse

from lms.celery import app as celery_app
from lms.core import health
from lms.core.request_id import (
    HEADER,
    RequestIdFilter,
    _task_published,
    request_id_var,
)


@pytest.mark.django_db
def test_healthz_answers_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_every_part(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert set(body["checks"]) == {"database", "cache", "broker", "storage"}


class _ForgetfulCache:
    def set(self, *args, **kwargs):
        pass

    def get(self, *args, **kwargs):
        return None


@pytest.mark.django_db
def test_readyz_names_a_broken_cache_with_503(client, monkeypatch):
    monkeypatch.setattr(health, "cache", _ForgetfulCache())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


@pytest.mark.django_db
def test_readyz_names_an_unreachable_broker(client, monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment before its settings
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")
    saved = {
        "task_always_eager": celery_app.conf.task_always_eager,
        "broker_url": celery_app.conf.broker_url,
    }
    celery_app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0")
    try:
        response = client.get("/readyz")
    finally:
        celery_app.conf.update(**saved)
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


@pytest.mark.django_db
def test_readyz_names_unwritable_storage(client, monkeypatch, tmp_path):
    from django.core.files.storage import default_storage

    read_only = tmp_path / "media"
    read_only.mkdir()
    read_only.chmod(0o500)
    monkeypatch.setattr(default_storage, "_wrapped", None)
    monkeypatch.setattr("os.access", lambda path, mode: False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]


@pytest.mark.django_db
def test_metrics_for_an_allowed_network(client):
    client.get("/robots.txt")
    response = client.get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_latency_seconds_by_view_method" in text
    assert "campus_celery_queue_length" in text
    assert "django_db_execute_total" in text or "django_db_new_connections" in text


@pytest.mark.django_db
def test_metrics_refused_to_others_unless_they_show_the_token(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 403
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 403
    right = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert right.status_code == 200


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    made = client.get("/robots.txt")
    assert len(made["X-Request-ID"]) == 32
    kept = client.get("/robots.txt", HTTP_X_REQUEST_ID="proxy-abc-12345")
    assert kept["X-Request-ID"] == "proxy-abc-12345"
    hostile = client.get("/robots.txt", HTTP_X_REQUEST_ID="<script>\nx")
    assert hostile["X-Request-ID"] != "<script>\nx"
    assert len(hostile["X-Request-ID"]) == 32


def test_log_records_and_published_tasks_carry_the_request_id():
    token = request_id_var.set("req-0123456789")
    try:
        record = logging.LogRecord("campus", logging.INFO, __file__, 1, "x", (), None)
        assert RequestIdFilter().filter(record)
        assert record.request_id == "req-0123456789"
        headers = {}
        _task_published(headers=headers)
        assert headers[HEADER] == "req-0123456789"
    finally:
        request_id_var.reset(token)
    record = logging.LogRecord("campus", logging.INFO, __file__, 1, "x", (), None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_production_logs_are_one_json_object_a_line():
    from django.conf import settings
    from pythonjsonlogger.json import JsonFormatter

    spec = settings.LOGGING["formatters"]["json"]
    formatter = JsonFormatter(spec["fmt"], rename_fields=spec["rename_fields"])
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("campus.test.json")
    logger.addHandler(handler)
    logger.propagate = False
    token = request_id_var.set("req-json-000001")
    try:
        logger.warning("seat released", extra={"run": 15})
    finally:
        request_id_var.reset(token)
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert line["message"] == "seat released"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "req-json-000001"
    assert line["run"] == 15


@pytest.mark.django_db
def test_signing_in_and_browsing_logs_no_personal_data(client, caplog, user):
    user.set_password("pw-for-log-test-1")
    user.save()
    caplog.set_level(logging.DEBUG)
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": "wrong-password"},
    )
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": "pw-for-log-test-1"},
    )
    client.get(reverse("accounts:profile"))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert caplog.records, "the flow should log something to check"
    assert user.email not in logged
    assert "pw-for-log-test-1" not in logged
