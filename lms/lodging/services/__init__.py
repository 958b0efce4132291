"""Writes about lodging: holds, confirmation, the waitlist, the front desk.

Every service that can change who sleeps in which bed first locks the
inventory (the building rows, always in the same order), so that one writer
at a time chooses beds; the database constraint on bed-nights is the second
guard (see `constraints.py`). Each service is one transaction and tells the
guest after commit.
"""

from .allocation import (
    stay_bed_change,
    stay_book_for_guest,
    stay_nights_change,
)
from .bookings import (
    stay_cancel,
    stay_confirm,
    stay_hold,
    stays_cancel_for_enrollment,
)
from .common import (
    LodgingError,
    hold_minutes,
)
from .front_desk import (
    stay_check_in,
    stay_check_out,
    stay_no_show,
)
from .releases import stay_holds_release
from .reschedules import (
    stay_flag_for_rescheduled_run,
    stay_review_clear,
)
from .rooms import out_of_service_create

__all__ = [
    "LodgingError",
    "hold_minutes",
    "out_of_service_create",
    "stay_bed_change",
    "stay_book_for_guest",
    "stay_cancel",
    "stay_check_in",
    "stay_check_out",
    "stay_confirm",
    "stay_flag_for_rescheduled_run",
    "stay_hold",
    "stay_holds_release",
    "stay_nights_change",
    "stay_no_show",
    "stay_review_clear",
    "stays_cancel_for_enrollment",
]
