"""LTI pages live in the platforms' iframes, so on the LTI paths (and only
there) the session is kept in a cookie of its own, `SameSite=None; Secure`
and scoped to /lti/, and the pages may be framed by registered platforms.

The site's own session cookie keeps its SameSite=Lax everywhere: weakening it
for the whole site to please iframes would expose every form to cross-site
requests.
"""

import time
from importlib import import_module

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from .selectors import lti_frame_origins

LTI_PREFIX = "/lti/"
# the hand-off turns an LTI session into a site session: it uses the site's cookie
OWN_SESSION_EXCEPTIONS = ("/lti/handoff/",)


def is_lti_path(path: str) -> bool:
    return path.startswith(LTI_PREFIX) and not path.startswith(OWN_SESSION_EXCEPTIONS)


class LtiSessionMiddleware:
    """Swap in the LTI session on LTI paths; put it in its own cookie; allow
    registered platforms to frame these pages (CSP frame-ancestors)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.engine = import_module(settings.SESSION_ENGINE)

    def __call__(self, request):
        if not is_lti_path(request.path):
            return self.get_response(request)
        site_session = getattr(request, "session", None)
        cookie = settings.LTI_SESSION_COOKIE_NAME
        request.session = self.engine.SessionStore(request.COOKIES.get(cookie))
        response = self.get_response(request)
        lti_session, request.session = request.session, site_session
        self._save(lti_session, request, response)
        self._allow_framing(response)
        return response

    def _save(self, session, request, response) -> None:
        cookie = settings.LTI_SESSION_COOKIE_NAME
        if session.accessed:
            patch_vary_headers(response, ("Cookie",))
        if cookie in request.COOKIES and session.is_empty():
            response.delete_cookie(cookie, path=LTI_PREFIX, samesite="None")
            return
        if not session.modified or session.is_empty() or response.status_code >= 500:
            return
        session.save()
        max_age = session.get_expiry_age()
        response.set_cookie(
            cookie,
            session.session_key,
            max_age=max_age,
            expires=http_date(time.time() + max_age),
            path=LTI_PREFIX,
            secure=True,
            httponly=True,
            samesite="None",
        )

    @staticmethod
    def _allow_framing(response) -> None:
        """The site's Content-Security-Policy, framed by registered platforms.

        django-csp (outside this middleware) writes the header: the rest of
        the policy stays strict (scripts by nonce); forms may post back to the
        platform (Deep Linking answers, the login hand-off).
        """
        if "X-Frame-Options" in response:
            del response["X-Frame-Options"]
        replace = {
            "frame-ancestors": ["'self'", *lti_frame_origins()],
            "form-action": None,
        }
        response._csp_replace = replace
        response._csp_replace_ro = replace
