"""The errors community services raise, each with a message for the person."""


class CommunityError(Exception):
    """A refused action (a 400), with a translated message."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CommunityForbidden(CommunityError):
    """The person may not do this at all (a 403)."""

    status = 403


class CapacityReached(CommunityError):
    """No place left (a full group or slot): a 409."""

    status = 409
