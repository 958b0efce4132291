"""The one public base URL of the site, for every absolute URL Campus writes.

Certificate share links, the PDF's footer URL and QR code, the sitemap,
calendar feeds and links in e-mails all go through `absolute_url()`, so that
they name the host people actually reach.

The base is the `SITE_URL` setting. When it is empty (development), it is the
host of the request being served: `PublicBaseUrlMiddleware` remembers it for
the request, so that code with no request at hand (an e-mail sent by an eager
Celery task, a PDF drawn for a download) still finds it. Outside any request
(a management command, a worker) it falls back to `SITE_URL_DEFAULT`, what
`make run` serves.

Nothing stores an absolute URL: certificates keep their code and build the URL
when shown, so one issued before a change of host still verifies.
"""

from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost

SITE_URL_DEFAULT = "http://127.0.0.1:8000"

# the request being served; its base URL is worked out only if asked for
_request: ContextVar[object | None] = ContextVar("campus_request", default=None)


def request_base_url(request) -> str:
    """The scheme and host the request came to, e.g. `http://127.0.0.1:8200`."""
    return f"{request.scheme}://{request.get_host()}"


def public_base_url(request=None) -> str:
    """The site's public base URL, without a trailing slash."""
    configured = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request_base_url(request)
    current = _request.get()
    if current is not None:
        try:
            return request_base_url(current)
        except DisallowedHost:  # refused by CommonMiddleware
            pass
    return SITE_URL_DEFAULT


def absolute_url(path: str, request=None) -> str:
    """`path` (a site path such as `/verify/ab12`) as an absolute URL.

    An absolute URL is reduced to its path first, so that a URL built from
    another host (a Wagtail site's root URL, say) names the public host too.
    """
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/"):
        path = "/" + path
    return public_base_url(request) + path


class PublicBaseUrlMiddleware:
    """Remembers the request for `public_base_url()` during the request.

    Its host is read only when a base URL is asked for with no request at
    hand and no `SITE_URL` set: most requests never ask.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
