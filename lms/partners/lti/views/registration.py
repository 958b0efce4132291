"""LTI Dynamic Registration: a platform registers Campus from one URL."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..dynamic import invitation_read, platform_register_dynamic
from ..validation import LtiRefused
from .common import language_activate, refused
from .jwks import site_base_url


@csrf_exempt  # the signed registration URL is the credential
@never_cache
@require_http_methods(["GET", "POST"])
def dynamic_register(request, signed: str):
    """LTI Dynamic Registration: confirm, then register with the platform."""
    language_activate(request)
    params = request.POST if request.method == "POST" else request.GET
    configuration = params.get("openid_configuration", "")
    try:
        institution = invitation_read(signed)
        if not configuration:
            raise LtiRefused(
                _("Open this link from your platform's tool registration.")
            )
        if request.method == "GET":
            return render(
                request,
                "partners/lti/register.html",
                {
                    "institution": institution,
                    "configuration": configuration,
                    "registration_token": params.get("registration_token", ""),
                },
            )
        platform = platform_register_dynamic(
            openid_configuration=configuration,
            registration_token=params.get("registration_token", ""),
            base_url=site_base_url(request),
            institution=institution,
        )
    except LtiRefused as error:
        return refused(request, error)
    return render(request, "partners/lti/registered.html", {"platform": platform})
