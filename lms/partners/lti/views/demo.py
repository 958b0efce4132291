"""The demo platform: a page that plays a partner's LMS and launches Campus
in an iframe, and its OIDC authorization step."""

from urllib.parse import urlencode

import jwt as pyjwt
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from .. import keys
from ..demo import PEOPLE, demo_id_token
from ..demo import demo_platform as demo_registration
from ..validation import LtiRefused
from .common import absolute_url, language_activate, refused


def _demo_enabled():
    if not settings.LTI_DEMO_PLATFORM:
        raise Http404


@csrf_exempt  # receives the deep linking answer, as a platform does
@never_cache
@require_http_methods(["GET", "POST"])
def demo_platform(request):
    """A page that plays a partner's LMS and launches Campus in an iframe."""
    _demo_enabled()
    language_activate(request)
    platform = demo_registration()
    if platform is None:
        raise Http404
    received = None
    if request.method == "POST" and request.POST.get("JWT"):
        published = {k["kid"]: k for k in keys.tool_jwks()["keys"]}
        try:
            kid = pyjwt.get_unverified_header(request.POST["JWT"]).get("kid")
            received = pyjwt.decode(
                request.POST["JWT"],
                pyjwt.PyJWK(published[kid]),
                algorithms=["RS256"],
                audience=platform.issuer,
            ).get("https://purl.imsglobal.org/spec/lti-dl/claim/content_items", [])
        except (KeyError, pyjwt.PyJWTError):
            received = []
    person = request.GET.get("as", "demo-learner")
    person = person if person in PEOPLE else "demo-learner"
    item = request.GET.get("item", "lesson")
    item = item if item in ("lesson", "quiz", "deep-link") else "lesson"
    login = {
        "iss": platform.issuer,
        "login_hint": person,
        "lti_message_hint": item,
        "target_link_uri": absolute_url(request, "lti:launch"),
        "client_id": platform.client_id,
        "lti_deployment_id": "demo-deployment",
    }
    login_url = reverse("lti:login-registered", args=[platform.uuid])
    return render(
        request,
        "partners/lti/demo_platform.html",
        {
            "platform": platform,
            "launch_src": f"{login_url}?{urlencode(login)}",
            "person": person,
            "item": item,
            "received": received,
        },
    )


@never_cache
@require_GET
def demo_platform_auth(request):
    """The demo platform's OIDC authorization endpoint: signs the launch."""
    _demo_enabled()
    platform = demo_registration()
    redirect_uri = request.GET.get("redirect_uri", "")
    if (
        platform is None
        or request.GET.get("client_id") != platform.client_id
        or redirect_uri != absolute_url(request, "lti:launch")
    ):
        return refused(request, LtiRefused(_("The launch is meant for another tool.")))
    language = translation.get_language_from_request(request)
    id_token = demo_id_token(
        platform=platform,
        login_hint=request.GET.get("login_hint", ""),
        message_hint=request.GET.get("lti_message_hint", "lesson"),
        nonce=request.GET.get("nonce", ""),
        target=redirect_uri,
        language="en" if language.startswith("en") else "ko",
    )
    return render(
        request,
        "partners/lti/demo_auth.html",
        {
            "redirect_uri": redirect_uri,
            "id_token": id_token,
            "state": request.GET.get("state", ""),
        },
    )
