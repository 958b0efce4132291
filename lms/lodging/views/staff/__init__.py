"""The front desk and the lodging office: center staff only.

The occupancy calendar, arrivals and departures, housekeeping, reports and
CSV exports, flagged stays, a run's stays and waitlist, and the actions on a
stay (check in and out, no-show, change bed or nights, cancel).
"""

from .access import staff_required
from .exports import (
    front_desk_csv,
    housekeeping_csv,
    occupancy_csv,
    stays_csv,
)
from .screens import (
    CALENDAR_LEGEND,
    flagged,
    front_desk,
    housekeeping,
    occupancy,
    reports,
    run_lodging,
    runs,
)
from .stays import (
    ACTIONS,
    out_of_service_new,
    stay_action,
    stay_bed_change_view,
    stay_manage,
    stay_new,
    stay_nights_change_view,
)
from .urls import urlpatterns

__all__ = [
    "ACTIONS",
    "CALENDAR_LEGEND",
    "flagged",
    "front_desk",
    "front_desk_csv",
    "housekeeping",
    "housekeeping_csv",
    "occupancy",
    "occupancy_csv",
    "out_of_service_new",
    "reports",
    "run_lodging",
    "runs",
    "staff_required",
    "stay_action",
    "stay_bed_change_view",
    "stay_manage",
    "stay_new",
    "stay_nights_change_view",
    "stays_csv",
    "urlpatterns",
]
