"""Deep Linking 2.0: the partner's instructor picks content, and gets it back
signed."""

import secrets

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ...models import LtiDeployment, LtiPlatform
from .. import services
from ..deeplinking import deep_link_response
from ..selectors import bindable_pages
from ..validation import LtiRefused
from .common import (
    EXPIRED,
    NOT_LAUNCHED,
    SESSION_KEY,
    absolute_url,
    language_activate,
    lti_state,
    refused,
)


@csrf_exempt  # checked against the LTI session's own token
@never_cache
@require_http_methods(["GET", "POST"])
def deep_link(request, token: str):
    """The picker: search and filter content, then send the choice back signed."""
    lti = lti_state(request)
    flow = lti.get("deep_link") or {}
    if not request.user.is_authenticated or flow.get("token") != token:
        return refused(request, LtiRefused(NOT_LAUNCHED, status=403))
    language_activate(request)
    if services.INSTRUCTOR not in lti.get("roles", []):
        return refused(
            request,
            LtiRefused(
                _("Only an instructor of this course can choose its content."),
                status=403,
            ),
        )
    if request.method == "POST":
        try:
            if not secrets.compare_digest(
                request.POST.get("token", ""), lti.get("csrf", "-")
            ):
                raise LtiRefused(EXPIRED, status=403)
            ids = [services.page_bindable(v) for v in request.POST.getlist("page")]
            platform = LtiPlatform.objects.get(pk=lti["platform"])
            deployment = LtiDeployment.objects.get(pk=lti["deployment"])
            jwt_ = deep_link_response(
                platform=platform,
                deployment_id=deployment.deployment_id,
                dl_settings=flow["settings"],
                pages=[page for page in ids if page is not None],
                launch_url=absolute_url(request, "lti:launch"),
            )
        except LtiRefused as error:
            return refused(request, error)
        del lti["deep_link"]
        request.session[SESSION_KEY] = lti
        return render(
            request,
            "partners/lti/deep_link_return.html",
            {"return_url": flow["settings"]["deep_link_return_url"], "jwt": jwt_},
        )
    kinds = [(m.__name__.lower(), m._meta.verbose_name) for m in services.BINDABLE]
    query = {
        "q": request.GET.get("q", "").strip()[:100],
        "kind": request.GET.get("kind", ""),
        "language": request.GET.get("language", ""),
    }
    if query["language"] not in ("", "ko", "en"):
        query["language"] = ""
    pages = Paginator(bindable_pages(**query), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/lti/deep_link.html",
        {
            "pages": pages,
            "query": query,
            "kinds": kinds,
            "lti": lti,
            "token": token,
            "multiple": flow["settings"].get("accept_multiple", True) is not False,
        },
    )
