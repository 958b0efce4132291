"""Browser defences beside Django's own: headers and the CSP report endpoint.

Django's SecurityMiddleware sends HSTS, nosniff, Referrer-Policy and
Cross-Origin-Opener-Policy; django-csp sends Content-Security-Policy. This adds
`Permissions-Policy` (no camera, microphone, location or payment for any page)
and `Cross-Origin-Resource-Policy`, which keeps other sites from embedding our
responses, except the public things meant to be fetched from anywhere: Open
Badges, calendar feeds and public media.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from urllib.parse import urlsplit

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from .request_id import request_id_for, request_id_var

logger = logging.getLogger("campus.csp")

CROSS_ORIGIN_PREFIXES = ("/badges/", "/calendar/", "/media/", "/static/", "/oai")
# Wagtail's and Django's admin still render a few inline scripts (date pickers,
# inline panels) from widget templates that see no request, so no nonce can
# reach them: staff pages keep 'unsafe-inline' for scripts, the rest of the
# policy stays. Every public page has no inline script at all.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_SCRIPT_SRC = {"script-src": ["'self'", "'unsafe-inline'"]}
MAX_REPORT_BYTES = 64 * 1024
# what a response sets to change its policy (django-csp's decorators, the admin's
# and the LTI pages' replacements): such responses get a policy built for them
_CSP_CHANGES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@cache
def _site_policies() -> tuple[tuple[str, str, str, str], ...]:
    """The site's policy headers, as django-csp writes them for a response that
    changes nothing and uses no nonce: (header, value, exempt flag, setting)."""
    return tuple(
        (header, value, exempt, setting)
        for header, value, exempt, setting in (
            (HEADER, build_policy(), "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (
                HEADER_REPORT_ONLY,
                build_policy(report_only=True),
                "_csp_exempt_ro",
                "CONTENT_SECURITY_POLICY_REPORT_ONLY",
            ),
        )
        if value
    )


@receiver(setting_changed)
def _site_policies_forget(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_policies.cache_clear()


class CampusCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site's policy built once per process.

    Most responses neither use a nonce nor change the policy; their header is
    the same string every time, which django-csp would rebuild (twice, with the
    report-only one) for each. Those get the string built once; every other
    response, and every response under DEBUG, goes through django-csp itself.
    The rules are django-csp's: an existing header, an exempt response and an
    excluded prefix keep their header; the nonce cannot be read afterwards.
    The admins' pages get their script policy (ADMIN_SCRIPT_SRC) here.
    """

    def process_response(self, request, response):
        _admin_scripts_allow(request, response)
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(getattr(response, name, None) is not None for name in _CSP_CHANGES)
        ):
            return super().process_response(request, response)
        for header, value, exempt, setting in _site_policies():
            prefixes = (getattr(settings, setting, None) or {}).get(
                "EXCLUDE_URL_PREFIXES"
            ) or ()
            if (
                header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(tuple(prefixes))
            ):
                response[header] = value
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _headers_add(request, response) -> None:
    headers = response.headers
    headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
    shared = request.path.startswith(CROSS_ORIGIN_PREFIXES)
    headers.setdefault(
        "Cross-Origin-Resource-Policy", "cross-origin" if shared else "same-origin"
    )


def _admin_scripts_allow(request, response) -> None:
    if request.path.startswith(ADMIN_PREFIXES):
        response._csp_replace = ADMIN_SCRIPT_SRC
        response._csp_replace_ro = ADMIN_SCRIPT_SRC


def security_headers_middleware(get_response):
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response.

    Sits after django-csp's middleware, so that the admin's script policy is
    set on the response before django-csp writes the header. The site's stack
    uses `edge_middleware` and `CampusCSPMiddleware`, which do the same.
    """

    def middleware(request):
        response = get_response(request)
        _admin_scripts_allow(request, response)
        _headers_add(request, response)
        return response

    return middleware


def edge_middleware(get_response):
    """The first of the site's middleware: the request id and the headers.

    One step for what every response carries whatever answers it (a cached
    page included): the request id for the request's duration and in the
    `X-Request-ID` header (lms/core/request_id.py), `Permissions-Policy` and
    `Cross-Origin-Resource-Policy`.
    """

    def middleware(request):
        value = request_id_for(request)
        token = request_id_var.set(value)
        request.request_id = value
        try:
            response = get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = value
        _headers_add(request, response)
        return response

    return middleware


def _without_query(url: str) -> str:
    """A reported URL without its query string, which may carry tokens."""
    parts = urlsplit(str(url or ""))
    return (
        f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path
    )


def _violations(body: bytes) -> list[dict]:
    data = json.loads(body)
    if isinstance(data, dict) and "csp-report" in data:  # report-uri
        return [data["csp-report"]]
    if isinstance(data, list):  # the Reporting API (report-to)
        return [item.get("body", {}) for item in data if isinstance(item, dict)]
    return []


@csrf_exempt
@require_POST
def csp_report(request):
    """Log each violation a browser reports (rate-limited per address): 204."""
    limited = is_ratelimited(
        request,
        group="csp-report",
        key="ip",
        rate=settings.CSP_REPORT_RATE,
        increment=True,
    )
    if limited or len(request.body) > MAX_REPORT_BYTES:
        return HttpResponse(status=204)
    try:
        violations = _violations(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse(status=400)
    for violation in violations[:10]:
        if not isinstance(violation, dict):
            continue
        logger.warning(
            "CSP violation: %s blocked %s on %s",
            violation.get("violated-directive")
            or violation.get("effectiveDirective", "?"),
            _without_query(violation.get("blocked-uri") or violation.get("blockedURL")),
            _without_query(
                violation.get("document-uri") or violation.get("documentURL")
            ),
        )
    return HttpResponse(status=204)
