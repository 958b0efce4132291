"""The errors community services raise, each with a message for the person."""

from lms.core.errors import CampusError


class CommunityError(CampusError):
    """A refused action (a 400), with a translated message."""

    status = 400


class CommunityForbidden(CommunityError):
    """The person may not do this at all (a 403)."""

    status = 403


class CapacityReached(CommunityError):
    """No place left (a full group or slot): a 409."""

    status = 409
