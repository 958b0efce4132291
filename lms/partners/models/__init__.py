"""The partners' models, one module per concern; imported here for Django."""

from .institutions import PartnerInstitution
from .lti import (
    LtiContext,
    LtiDeployment,
    LtiIdentity,
    LtiLineItem,
    LtiPlatform,
    LtiResourceLink,
    LtiToolKey,
)

__all__ = [
    "LtiContext",
    "LtiDeployment",
    "LtiIdentity",
    "LtiLineItem",
    "LtiPlatform",
    "LtiResourceLink",
    "LtiToolKey",
    "PartnerInstitution",
]
