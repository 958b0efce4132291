"""The partners' models, one module per concern; imported here for Django."""

from .agreements import AgreementLicence, PartnerAgreement
from .institutions import PartnerInstitution
from .learners import IdempotencyRecord, PartnerLearner
from .tokens import ApiToken, ApiTokenUse, Scope

__all__ = [
    "AgreementLicence",
    "ApiToken",
    "ApiTokenUse",
    "IdempotencyRecord",
    "PartnerAgreement",
    "PartnerInstitution",
    "PartnerLearner",
    "Scope",
]
