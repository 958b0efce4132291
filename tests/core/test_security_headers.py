"""Browser defences: CSP with nonces, Permissions-Policy, CORP, CSP reports."""

import json
import logging

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.django_db
def test_pages_carry_a_strict_script_policy(client):
    response = client.get("/robots.txt")
    policy = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["report-uri"] == ["/csp-report"]


@pytest.mark.django_db
def test_each_response_gets_its_own_nonce_when_a_template_uses_one():

    from lms.core.security import security_headers_middleware  # noqa: F401

    template = engines["django"].from_string("<script nonce='{{ request.csp_nonce }}'>")

    def view(request):

        return HttpResponse(template.render({"request": request}))

    nonces = []
    for _ in range(2):
        request = RequestFactory().get("/")
        response = CSPMiddleware(view)(request)
        nonce = response.content.decode().split("'")[1]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


@pytest.mark.django_db
def test_permissions_policy_and_cross_origin_resource_policy(client):
    response = client.get("/robots.txt")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    badge = client.get("/badges/jwks.json")
    assert badge["Cross-Origin-Resource-Policy"] == "cross-origin"


REPORT = {
    "csp-report": {
        "document-uri": "https://campus.example/learn/?token=secret",
        "violated-directive": "script-src-elem",
        "blocked-uri": "https://evil.example/x.js?k=1",
    }
}


@pytest.mark.django_db
def test_csp_reports_are_logged_without_query_strings(client, caplog):
    caplog.set_level(logging.WARNING, logger="campus.csp")
    response = client.post(
        reverse("csp-report"),
        data=json.dumps(REPORT),
        content_type="application/csp-report",
    )
    assert response.status_code == 204
    (record,) = caplog.records
    message = record.getMessage()
    assert "script-src-elem" in message
    assert "https://evil.example/x.js" in message
    assert "secret" not in message and "k=1" not in message


@pytest.mark.django_db
def test_reporting_api_format_is_understood(client, caplog):
    caplog.set_level(logging.WARNING, logger="campus.csp")
    body = [
        {
            "type": "csp-violation",
            "body": {
                "documentURL": "https://campus.example/",
                "effectiveDirective": "img-src",
                "blockedURL": "https://tracker.example/p.gif",
            },
        }
    ]
    response = client.post(
        reverse("csp-report"),
        data=json.dumps(body),
        content_type="application/reports+json",
    )
    assert response.status_code == 204
    assert "img-src" in caplog.records[0].getMessage()


@pytest.mark.django_db
def test_csp_reports_are_rate_limited_and_bad_ones_refused(client, settings, caplog):
    settings.CSP_REPORT_RATE = "2/m"
    caplog.set_level(logging.WARNING, logger="campus.csp")
    for _ in range(5):
        client.post(
            reverse("csp-report"),
            data=json.dumps(REPORT),
            content_type="application/csp-report",
        )
    assert len(caplog.records) == 2
    assert client.get(reverse("csp-report")).status_code == 405
    settings.CSP_REPORT_RATE = "100/m"
    bad = client.post(
        reverse("csp-report"), data="{", content_type="application/csp-report"
    )
    assert bad.status_code == 400


@pytest.mark.django_db
def test_only_the_admin_allows_inline_scripts(admin_client):
    admin = admin_client.get("/admin/")
    policy = _directives(admin["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    public = admin_client.get("/robots.txt")
    assert (
        "'unsafe-inline'"
        not in _directives(public["Content-Security-Policy"])["script-src"]
    )
