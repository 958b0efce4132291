"""Errors of the partners' services: CampusError with a status and a code."""

from django.utils.translation import gettext_lazy as _

from lms.core.errors import CampusError


class PartnerError(CampusError):
    """A refused partner action, with a user-facing message in their language."""

    default_message = _("The request was refused")
    code = "partner_error"
    status = 400


class PartnerNotFound(PartnerError):
    code = "not_found"
    status = 404


class PartnerForbidden(PartnerError):
    code = "forbidden"
    status = 403


class PartnerConflict(PartnerError):
    code = "conflict"
    status = 409


class CartridgeError(PartnerError):
    """A Common Cartridge package refused as a whole; nothing of it was written."""

    code = "invalid_cartridge"
    status = 400
