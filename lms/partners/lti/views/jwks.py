"""Our public keys, and the URLs a platform's administrator types in."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .. import keys


@require_GET
def jwks(request):
    """Campus's public keys (current and, during the overlap, the previous)."""
    response = JsonResponse(keys.tool_jwks())
    response["Cache-Control"] = "public, max-age=300"
    return response


def tool_urls(*, base_url: str, platform) -> dict:
    """The URLs a platform administrator types in for this registration."""
    base = base_url.rstrip("/")
    return {
        "login_url": base + reverse("lti:login-registered", args=[platform.uuid]),
        "launch_url": base + reverse("lti:launch"),
        "jwks_url": base + reverse("lti:jwks"),
        "deep_link_url": base + reverse("lti:launch"),
    }


def site_base_url(request=None) -> str:
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL.rstrip("/")
