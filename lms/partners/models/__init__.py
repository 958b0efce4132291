"""The partners' models, one module per concern; imported here for Django."""

from .agreements import AgreementLicence, PartnerAgreement
from .institutions import PartnerInstitution
from .learners import IdempotencyRecord, PartnerLearner
from .syndication import PartnerCourse
from .tokens import ApiToken, ApiTokenUse, Scope
from .webhooks import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent

__all__ = [
    "AgreementLicence",
    "DeliveryStatus",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "ApiToken",
    "ApiTokenUse",
    "IdempotencyRecord",
    "PartnerAgreement",
    "PartnerCourse",
    "PartnerInstitution",
    "PartnerLearner",
    "Scope",
]
