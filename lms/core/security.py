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
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger("campus.csp")

CROSS_ORIGIN_PREFIXES = ("/badges/", "/calendar/", "/media/", "/static/", "/oai")
# Wagtail's and Django's admin still render a few inline scripts (date pickers,
# inline panels) from widget templates that see no request, so no nonce can
# reach them: staff pages keep 'unsafe-inline' for scripts, the rest of the
# policy stays. Every public page has no inline script at all.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_SCRIPT_SRC = {"script-src": ["'self'", "'unsafe-inline'"]}
MAX_REPORT_BYTES = 64 * 1024


def security_headers_middleware(get_response):
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response.

    Sits after django-csp's middleware, so that the admin's script policy is
    set on the response before django-csp writes the header.
    """
    policy = settings.PERMISSIONS_POLICY

    def middleware(request):
        response = get_response(request)
        if request.path.startswith(ADMIN_PREFIXES):
            response._csp_replace = ADMIN_SCRIPT_SRC
            response._csp_replace_ro = ADMIN_SCRIPT_SRC
        response.headers.setdefault("Permissions-Policy", policy)
        shared = request.path.startswith(CROSS_ORIGIN_PREFIXES)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", "cross-origin" if shared else "same-origin"
        )
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
