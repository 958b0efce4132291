"""Errors of the partners' services: a message for people, a code, a status."""

from django.utils.translation import gettext_lazy as _


class PartnerError(Exception):
    """A refused partner action, with a user-facing message in their language."""

    status = 400
    code = "partner_error"
    title = _("The request was refused")

    def __init__(self, message, *, code: str | None = None, status: int | None = None):
        super().__init__(str(message))
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status


class PartnerNotFound(PartnerError):
    status = 404
    code = "not_found"
    title = _("Not found")


class PartnerForbidden(PartnerError):
    status = 403
    code = "forbidden"
    title = _("Not allowed")


class PartnerConflict(PartnerError):
    status = 409
    code = "conflict"
    title = _("Conflict")
