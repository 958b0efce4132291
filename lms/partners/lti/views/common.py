"""What the LTI doors share: the LTI session's key, the refusal page, the
language of a page outside the language-prefixed URLs."""

from urllib.parse import urlencode, urlsplit

from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..validation import LtiCookiesBlocked, LtiRefused

SESSION_KEY = "lti"
BACKEND = "django.contrib.auth.backends.ModelBackend"
NOT_LAUNCHED = _("Open this page from your course on the partner's platform.")
EXPIRED = _("This form has expired. Launch again from your course.")


def refused(request, error: LtiRefused):
    language_activate(request)
    if isinstance(error, LtiCookiesBlocked):
        return render(
            request,
            "partners/lti/new_window.html",
            {"message": error.message, "login_url": fallback_url(error)},
            status=error.status,
        )
    return render(
        request,
        "partners/lti/refused.html",
        {"message": error.message, "code": error.code},
        status=error.status,
    )


def absolute_url(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def language_activate(request) -> None:
    """The launch's language, else the browser's: LTI URLs carry no language
    prefix, and LocaleMiddleware would give every unprefixed URL Korean."""
    language = request.session.get(SESSION_KEY, {}).get("language")
    language = language or translation.get_language_from_request(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language


def lti_state(request) -> dict:
    return request.session.get(SESSION_KEY) or {}


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "*"


def fallback_url(error: LtiCookiesBlocked) -> str:
    url = reverse("lti:login-registered", args=[error.platform_uuid])
    return f"{url}?{urlencode(error.login)}"
