"""OIDC third-party login initiation and the launch."""

import secrets

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from lms.accounts.sign_in import session_sign_in_federated

from .. import services
from ..selectors import platform_active
from ..validation import (
    DEEP_LINKING_SETTINGS,
    LAUNCH_PRESENTATION,
    STATE_COOKIE,
    STATE_TTL,
    LtiCookiesBlocked,
    LtiRefused,
    launch_validate,
    login_start,
    storage_value,
)
from .common import BACKEND, SESSION_KEY, absolute_url, fallback_url, origin_of, refused
from .landing import landing_render


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def login_initiate(request, platform_uuid=None):
    """OIDC third-party login initiation, by GET or POST (the spec allows both)."""
    params = (request.POST if request.method == "POST" else request.GET).dict()
    params["_launch_url"] = absolute_url(request, "lti:launch")
    try:
        start = login_start(
            params=params, platform_uuid=str(platform_uuid) if platform_uuid else None
        )
    except LtiRefused as error:
        return refused(request, error)
    if start.storage_target:
        response = render(
            request,
            "partners/lti/storage_put.html",
            {
                "redirect_url": start.redirect_url,
                "target": start.storage_target,
                "key": "campus_state_" + start.state[:16],
                "value": storage_value(start.state),
                "origin": origin_of(start.platform.auth_url),
            },
        )
    else:
        response = HttpResponseRedirect(start.redirect_url)
    response.set_cookie(
        STATE_COOKIE + start.state[:16],
        start.state,
        max_age=STATE_TTL,
        path="/lti/",
        secure=True,
        httponly=True,
        samesite="None",
    )
    return response


@csrf_exempt
@never_cache
@require_POST
def launch(request):
    """The launch (resource link or deep linking): validate, then record."""
    id_token = request.POST.get("id_token", "")
    state = request.POST.get("state", "")
    try:
        validated = launch_validate(
            id_token=id_token,
            state=state,
            cookies=request.COOKIES,
            storage=request.POST.get("lti_storage_value", ""),
        )
    except LtiCookiesBlocked as error:
        if error.storage_target and "lti_storage_value" not in request.POST:
            # no cookie, but the platform keeps data for us: ask it, post again
            return render(
                request,
                "partners/lti/storage_get.html",
                {
                    "id_token": id_token,
                    "state": state,
                    "key": "campus_state_" + state[:16],
                    "target": error.storage_target,
                    "origin": origin_of(
                        platform_active(uuid=error.platform_uuid).auth_url
                    ),
                    "launch_url": reverse("lti:launch"),
                    "login_url": fallback_url(error),
                },
            )
        return refused(request, error)
    except LtiRefused as error:
        return refused(request, error)
    try:
        result = services.lti_launch_record(launch=validated)
    except LtiRefused as error:
        return refused(request, error)
    # the id_token is the credential: no password sign-in's logging (see sign_in)
    session_sign_in_federated(request=request, user=result.user, backend=BACKEND)
    claims = validated.claims
    locale = str((claims.get(LAUNCH_PRESENTATION) or {}).get("locale") or "")
    language = "en" if locale.startswith("en") else "ko"
    translation.activate(language)
    request.LANGUAGE_CODE = language
    lti = {
        "language": language,
        "roles": sorted(result.roles),
        "links": [],
        "csrf": secrets.token_urlsafe(24),
        "platform": validated.platform.pk,
        "deployment": validated.deployment.pk,
    }
    if result.resource_link is not None:
        lti["links"] = [result.resource_link.pk]
        request.session[SESSION_KEY] = lti
        return landing_render(request, result.resource_link, page=None, lti=lti)
    token = secrets.token_urlsafe(12)
    lti["deep_link"] = {
        "token": token,
        "settings": claims[DEEP_LINKING_SETTINGS],
        "context": (claims.get(services.CONTEXT) or {}).get("id"),
    }
    request.session[SESSION_KEY] = lti
    return HttpResponseRedirect(reverse("lti:deep-link", args=[token]))
