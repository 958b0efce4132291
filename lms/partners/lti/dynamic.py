"""LTI Dynamic Registration: a platform registers Campus from one URL.

Staff hand the partner a signed registration URL (`manage.py
lti_registration_url`); the platform opens it with its openid_configuration
and a registration token; Campus reads the configuration, registers itself
with the platform and records the registration it gets back.
"""

import json
import uuid
from urllib.parse import urlsplit

from django.core import signing
from django.utils.translation import gettext_lazy as _

from ..models import LtiPlatform, PartnerInstitution
from .http import LtiHttpError, lti_fetch
from .selectors import AGS_LINEITEM_SCOPE, AGS_SCORE_SCOPE, NRPS_SCOPE
from .services import lti_platform_register
from .validation import LtiRefused

SALT = "campus.lti.dynamic-registration"
INVITATION_TTL = 14 * 24 * 3600
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration"


def invitation_sign(*, institution: PartnerInstitution | None) -> str:
    return signing.dumps({"i": institution.pk if institution else None}, salt=SALT)


def invitation_read(signed: str) -> PartnerInstitution | None:
    try:
        data = signing.loads(signed, salt=SALT, max_age=INVITATION_TTL)
    except signing.BadSignature as error:
        raise LtiRefused(
            _("This registration link is not valid or has expired."), status=403
        ) from error
    if data.get("i") is None:
        return None
    return PartnerInstitution.objects.filter(pk=data["i"]).first()


def platform_configuration(url: str) -> dict:
    """The platform's OpenID configuration, checked to come from its issuer."""
    try:
        config = lti_fetch(url, headers={"Accept": "application/json"}).json()
    except (LtiHttpError, ValueError) as error:
        raise LtiRefused(
            _("The platform's configuration could not be read."), status=424
        ) from error
    required = (
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "jwks_uri",
        "registration_endpoint",
    )
    if not isinstance(config, dict) or any(not config.get(k) for k in required):
        raise LtiRefused(_("The platform's configuration is incomplete."))
    issuer = urlsplit(config["issuer"])
    if urlsplit(url).netloc != issuer.netloc or issuer.scheme != "https":
        raise LtiRefused(
            _("The configuration does not come from the platform's issuer.")
        )
    return config


def tool_configuration(*, urls: dict, domain: str) -> dict:
    """What Campus asks the platform to register (LTI DR, section 3.1)."""
    return {
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": urls["login_url"],
        "redirect_uris": [urls["launch_url"]],
        "client_name": "Campus",
        "client_name#ko": "캠퍼스",
        "jwks_uri": urls["jwks_url"],
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": " ".join([AGS_LINEITEM_SCOPE, AGS_SCORE_SCOPE, NRPS_SCOPE]),
        TOOL_CONFIGURATION: {
            "domain": domain,
            "target_link_uri": urls["launch_url"],
            "claims": ["iss", "sub", "name", "given_name", "family_name", "email"],
            "messages": [
                {
                    "type": "LtiResourceLinkRequest",
                    "target_link_uri": urls["launch_url"],
                },
                {
                    "type": "LtiDeepLinkingRequest",
                    "target_link_uri": urls["deep_link_url"],
                    "label": "Campus",
                    "label#ko": "캠퍼스 콘텐츠",
                },
            ],
        },
    }


def platform_register_dynamic(
    *, openid_configuration: str, registration_token: str, base_url: str, institution
) -> LtiPlatform:
    """Register Campus with the platform and record the registration."""
    from .views import tool_urls

    config = platform_configuration(openid_configuration)
    platform_uuid = uuid.uuid4()
    urls = tool_urls(base_url=base_url, platform=LtiPlatform(uuid=platform_uuid))
    body = tool_configuration(urls=urls, domain=urlsplit(base_url).netloc)
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if registration_token:
        headers["Authorization"] = "Bearer " + registration_token
    try:
        answer = lti_fetch(
            config["registration_endpoint"],
            method="POST",
            headers=headers,
            body=json.dumps(body).encode(),
        ).json()
    except (LtiHttpError, ValueError) as error:
        raise LtiRefused(
            _("The platform refused the registration."), status=424
        ) from error
    client_id = answer.get("client_id") if isinstance(answer, dict) else None
    if not client_id:
        raise LtiRefused(_("The platform refused the registration."), status=424)
    deployment_id = (answer.get(TOOL_CONFIGURATION) or {}).get("deployment_id")
    product = (config.get(PLATFORM_CONFIGURATION) or {}).get("product_family_code", "")
    return lti_platform_register(
        issuer=config["issuer"],
        client_id=str(client_id),
        deployment_ids=[str(deployment_id)] if deployment_id else [],
        auth_url=config["authorization_endpoint"],
        jwks_url=config["jwks_uri"],
        token_url=config["token_endpoint"],
        name=f"{product} {urlsplit(config['issuer']).netloc}".strip(),
        institution=institution,
        token_audience=config.get("authorization_server", ""),
        new_uuid=platform_uuid,
    )
