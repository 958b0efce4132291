"""Reads about lodging: proposed nights, availability, the staff screens' data.

Every selector runs a fixed number of queries whatever the number of rooms,
nights or stays. Holds past their expiry count as free everywhere here, so
that what people see is right even before the periodic release has run.
"""

from .availability import (
    Availability,
    PageLodging,
    run_availability,
)
from .front_desk import (
    HOUSEKEEPING_ORDER,
    HOUSEKEEPING_TASKS,
    FrontDeskDay,
    HousekeepingRow,
    front_desk_day,
    housekeeping_list,
)
from .learners import (
    Bookable,
    MyLodging,
    my_lodging,
    stay_last_preferences,
)
from .occupancy import (
    CELL_PRIORITY,
    CalendarRow,
    Cell,
    OccupancyCalendar,
    month_after,
    month_start,
    occupancy_calendar,
)
from .reports import (
    MonthRate,
    RunOverview,
    occupancy_by_month,
    residential_runs_overview,
    run_stays,
    stays_flagged,
    stays_in_range,
)
from .stays import (
    ONE_DAY,
    nights_between,
    stay_nights_propose,
    stay_nights_propose_many,
)

__all__ = [
    "Availability",
    "Bookable",
    "CELL_PRIORITY",
    "CalendarRow",
    "Cell",
    "FrontDeskDay",
    "HOUSEKEEPING_ORDER",
    "HOUSEKEEPING_TASKS",
    "HousekeepingRow",
    "MonthRate",
    "MyLodging",
    "ONE_DAY",
    "OccupancyCalendar",
    "PageLodging",
    "RunOverview",
    "front_desk_day",
    "housekeeping_list",
    "month_after",
    "month_start",
    "my_lodging",
    "nights_between",
    "occupancy_by_month",
    "occupancy_calendar",
    "residential_runs_overview",
    "run_availability",
    "run_stays",
    "stay_last_preferences",
    "stay_nights_propose",
    "stay_nights_propose_many",
    "stays_flagged",
    "stays_in_range",
]
