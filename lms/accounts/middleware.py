"""Holds people to what they owe since sign-in (see `lms.accounts.gates`)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .gates import CONSENT_SESSION_KEY, MFA_SESSION_KEY, user_has_second_factor

# staff pages: the Wagtail admin and Django's admin
STAFF_PREFIXES = ("/admin/", "/django-admin/")
# the admins' own password forms would skip the second factor and the sign-in
# duties: everyone signs in through allauth
ADMIN_LOGIN_PATHS = ("/admin/login/", "/django-admin/login/")
# always reachable while a duty is pending: the way to fulfil it or to leave
OPEN_PREFIXES = ("/static/", "/media/", "/i18n/", "/favicon")


def _path_without_language(path: str) -> str:
    if path.startswith("/en/"):
        return path[3:]
    return path


class AccountGateMiddleware:
    """Staff without a second factor cannot reach staff pages; people asked to
    renew a required consent cannot go on until they answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in ADMIN_LOGIN_PATHS:
            target = request.GET.get("next") or "/admin/"
            if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
                target = "/admin/"
            return redirect(
                reverse("account_login") + "?" + urlencode({"next": target})
            )
        cookies = request.COOKIES
        if (
            settings.SESSION_COOKIE_NAME not in cookies
            and settings.LTI_SESSION_COOKIE_NAME not in cookies
        ):
            # nobody is signed in without a session cookie (the site's, or on
            # the LTI paths their own): no session to read, no duty to check
            return self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not request.user.is_authenticated:
            return self.get_response(request)
        path = request.path
        bare = _path_without_language(path)
        if bare.startswith(OPEN_PREFIXES) or bare.startswith("/accounts/"):
            # sign-out, consent, two-factor set-up and e-mail pages live here
            return self.get_response(request)
        if session.get(CONSENT_SESSION_KEY):
            target = reverse("accounts:consent-renew")
            if url_has_allowed_host_and_scheme(path, allowed_hosts=None):
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        if session.get(MFA_SESSION_KEY) and path.startswith(STAFF_PREFIXES):
            if user_has_second_factor(request.user):
                del session[MFA_SESSION_KEY]
            else:
                messages.warning(
                    request,
                    _(
                        "Staff pages need two-factor sign-in. Set up an "
                        "authenticator app first; it takes a minute."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
