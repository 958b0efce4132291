"""The partners' models, one module per concern; imported here for Django."""

from .agreements import AgreementLicence, PartnerAgreement
from .institutions import PartnerInstitution
from .learners import IdempotencyRecord, PartnerLearner
from .lti import (
    LtiContext,
    LtiDeployment,
    LtiIdentity,
    LtiLineItem,
    LtiPlatform,
    LtiResourceLink,
    LtiToolKey,
)
from .syndication import PartnerCourse
from .tokens import ApiToken, ApiTokenUse, Scope
from .webhooks import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent

__all__ = [
    "AgreementLicence",
    "ApiToken",
    "ApiTokenUse",
    "DeliveryStatus",
    "IdempotencyRecord",
    "LtiContext",
    "LtiDeployment",
    "LtiIdentity",
    "LtiLineItem",
    "LtiPlatform",
    "LtiResourceLink",
    "LtiToolKey",
    "PartnerAgreement",
    "PartnerCourse",
    "PartnerInstitution",
    "PartnerLearner",
    "Scope",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]
