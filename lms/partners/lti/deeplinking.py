"""Deep Linking 2.0: the signed answer that puts Campus content in a platform."""

import secrets

from django.utils.translation import gettext_lazy as _

from .keys import tool_jwt_sign
from .services import GRADED, resource_id_for
from .validation import DEPLOYMENT_ID, MESSAGE_TYPE, VERSION, LtiRefused

CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
DATA = "https://purl.imsglobal.org/spec/lti-dl/claim/data"
SCORE_MAXIMUM = 100


def content_item(page, *, launch_url: str) -> dict:
    """An LtiResourceLink item for a page; graded pages get a line item."""
    specific = page.specific
    item = {
        "type": "ltiResourceLink",
        "title": page.title,
        "url": launch_url,
        "custom": {"campus_page": str(page.pk)},
    }
    if isinstance(specific, GRADED):
        item["lineItem"] = {
            "scoreMaximum": SCORE_MAXIMUM,
            "label": page.title,
            "resourceId": resource_id_for(page),
        }
    return item


def deep_link_response(
    *, platform, deployment_id: str, dl_settings: dict, pages, launch_url: str
) -> str:
    """The signed LtiDeepLinkingResponse for the chosen pages."""
    accept = dl_settings.get("accept_types") or ["ltiResourceLink"]
    if "ltiResourceLink" not in accept:
        raise LtiRefused(_("The platform does not accept links to content here."))
    pages = list(pages)
    if not pages:
        raise LtiRefused(
            _("Choose at least one course, module, lesson, quiz or assignment.")
        )
    if dl_settings.get("accept_multiple") is False:
        pages = pages[:1]
    claims = {
        "iss": platform.client_id,
        "aud": platform.issuer,
        "nonce": secrets.token_urlsafe(16),
        MESSAGE_TYPE: "LtiDeepLinkingResponse",
        VERSION: "1.3.0",
        DEPLOYMENT_ID: deployment_id,
        CONTENT_ITEMS: [content_item(p, launch_url=launch_url) for p in pages],
    }
    if dl_settings.get("data"):
        claims[DATA] = dl_settings["data"]
    return tool_jwt_sign(claims)
