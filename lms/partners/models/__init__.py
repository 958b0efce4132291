"""The partners' models, one module per concern; imported here for Django."""

from .institutions import PartnerInstitution

__all__ = ["PartnerInstitution"]
