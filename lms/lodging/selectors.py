"""Reads about lodging: proposed nights, availability, the staff screens' data.

Every selector runs a fixed number of queries whatever the number of rooms,
nights or stays. Holds past their expiry count as free everywhere here, so
that what people see is right even before the periodic release has run.
"""

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus
from lms.learning.selectors import runs_in_language

from .models import (
    LIVE,
    OCCUPYING,
    Building,
    GenderPolicy,
    OutOfService,
    Room,
    Stay,
    StayStatus,
)

ONE_DAY = dt.timedelta(days=1)


def stay_nights_propose(*, run: CourseRun) -> tuple[dt.date, dt.date] | None:
    """The nights `(check_in, check_out)` a learner of `run` needs, or None.

    From the days the run's lecture sessions meet (the timetable), or, while
    none are scheduled, from the run's dates: sessions from the 21st to the
    23rd need the nights of the 21st and 22nd (check-out on the 23rd); a
    single day, the night before it. This is the one place that decides.
    """
    return stay_nights_propose_many(runs=[run])[run.pk]


def stay_nights_propose_many(*, runs) -> dict[int, tuple[dt.date, dt.date] | None]:
    """`stay_nights_propose` for many runs, in one query: run id → nights."""
    from lms.timetable.selectors import runs_session_dates

    sessions = runs_session_dates(run_ids=[run.pk for run in runs])
    proposals = {}
    for run in runs:
        days = sessions.get(run.pk)
        if days:
            first, last = days[0], days[-1]
        elif run.starts_on is None:
            proposals[run.pk] = None
            continue
        else:
            first = run.starts_on
            last = run.ends_on or run.starts_on
        proposals[run.pk] = (first, last) if last > first else (first - ONE_DAY, first)
    return proposals


def nights_between(check_in: dt.date, check_out: dt.date) -> list[dt.date]:
    return [check_in + ONE_DAY * n for n in range((check_out - check_in).days)]


def _stay_related(queryset):
    return queryset.select_related(
        "bed__room__floor__building", "run__course", "guest", "organization"
    )


# --- learners ---------------------------------------------------------------------


@dataclass
class Bookable:
    """An active enrolment in a residential run that has no stay yet."""

    enrollment: Enrollment
    check_in: dt.date
    check_out: dt.date

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


@dataclass
class MyLodging:
    current: list[Stay] = field(default_factory=list)
    past: list[Stay] = field(default_factory=list)
    bookable: list[Bookable] = field(default_factory=list)


def my_lodging(*, user) -> MyLodging:
    """The 'My stay' page: stays to come or under way, past ones, and runs to
    book a bed for. Three queries (four in a language other than the courses')."""
    today = timezone.localdate()
    result = MyLodging()
    stays = list(
        _stay_related(Stay.objects.filter(guest=user)).order_by("-check_in", "-pk")[
            :100
        ]
    )
    live_enrollments = set()
    for stay in stays:
        if stay.effective_status in LIVE and stay.check_out > today:
            result.current.append(stay)
            live_enrollments.add(stay.enrollment_id)
        else:
            result.past.append(stay)
    result.current.reverse()
    enrollments = (
        Enrollment.objects.filter(
            learner=user,
            status=EnrollmentStatus.ACTIVE,
            run__is_residential=True,
            run__starts_on__isnull=False,
        )
        .filter(Q(run__ends_on__isnull=True) | Q(run__ends_on__gte=today))
        .select_related("run__course")
        .order_by("run__starts_on")
    )
    enrollments = [e for e in enrollments if e.pk not in live_enrollments]
    proposals = stay_nights_propose_many(runs=[e.run for e in enrollments])
    for enrollment in enrollments:
        nights = proposals[enrollment.run_id]
        if nights and nights[1] > today:
            result.bookable.append(Bookable(enrollment, *nights))
    # each course in the reader's language (a run points at its canonical page)
    runs_in_language([s.run for s in stays if s.run] + [e.run for e in enrollments])
    return result


def stay_last_preferences(*, user) -> dict:
    """What the learner asked for last time, to fill in the form again."""
    last = (
        Stay.objects.filter(guest=user)
        .order_by("-created_at")
        .values("room_policy", "needs_accessible", "keep_with_organization")
        .first()
    )
    return last or {}


# --- availability on the catalog and course pages ---------------------------------


@dataclass
class Availability:
    """Beds free for every night a run's learners need, by kind of room."""

    check_in: dt.date
    check_out: dt.date
    by_policy: dict[str, int]
    waitlisted: int = 0

    @property
    def free(self) -> int:
        return sum(self.by_policy.values())

    @property
    def policies(self) -> list[tuple[str, int]]:
        return [
            (GenderPolicy(key).label, self.by_policy.get(key, 0))
            for key in GenderPolicy.values
        ]


def run_availability(*, runs: list[CourseRun]) -> dict[int, Availability]:
    """Lodging availability of residential runs, in four queries for any number."""
    from .assignment import Occupancy, Request

    residential = [run for run in runs if run.is_residential]
    if not residential:
        return {}
    proposals = stay_nights_propose_many(runs=residential)
    wanted = {pk: nights for pk, nights in proposals.items() if nights}
    if not wanted:
        return {}
    start = min(nights[0] for nights in wanted.values())
    end = max(nights[1] for nights in wanted.values())
    occupancy = Occupancy.load(start, end)
    waitlisted = Counter(
        Stay.objects.filter(
            run_id__in=list(wanted), status=StayStatus.WAITLISTED
        ).values_list("run_id", flat=True)
    )
    result = {}
    for run_pk, (check_in, check_out) in wanted.items():
        by_policy = {
            policy: occupancy.free_beds(
                Request(check_in=check_in, check_out=check_out, room_policy=policy)
            )
            for policy in GenderPolicy.values
        }
        result[run_pk] = Availability(
            check_in, check_out, by_policy, waitlisted.get(run_pk, 0)
        )
    return result


class PageLodging:
    """Lodging on a course or catalog page, worked out only if the page asks.

    Pages without a residential run never touch the lodging tables.
    """

    def __init__(self, runs, *, user=None):
        self._runs = runs
        self._user = user
        self._availability = None
        self._stays: dict[int, Stay | None] = {}

    def for_run(self, run) -> Availability | None:
        if self._availability is None:
            self._availability = run_availability(runs=list(self._runs))
        return self._availability.get(run.pk)

    def runs(self) -> list:
        if self._availability is None:
            self._availability = run_availability(runs=list(self._runs))
        return [run for run in self._runs if run.pk in self._availability]

    def stay_for(self, enrollment) -> Stay | None:
        if enrollment.pk not in self._stays:
            self._stays[enrollment.pk] = (
                _stay_related(
                    Stay.objects.filter(enrollment=enrollment, status__in=LIVE)
                )
                .order_by("-pk")
                .first()
            )
        return self._stays[enrollment.pk]


# --- the occupancy calendar -------------------------------------------------------

# what a cell shows when beds of several statuses share a night: the most urgent
CELL_PRIORITY = (
    StayStatus.CHECKED_IN,
    StayStatus.HELD,
    StayStatus.CONFIRMED,
    StayStatus.CHECKED_OUT,
)
_RANK = {status.value: rank for rank, status in enumerate(CELL_PRIORITY)}
_FREE_RANK = len(CELL_PRIORITY)


@dataclass(slots=True)
class Cell:
    """One room on one night: beds taken, and the status the cell is coloured by
    (a StayStatus value, "free" or "out_of_service")."""

    night: dt.date
    occupied: int
    beds: int
    status: str

    @property
    def is_full(self) -> bool:
        return self.beds > 0 and self.occupied >= self.beds


@dataclass
class CalendarRow:
    room: Room
    cells: list[Cell]


@dataclass
class OccupancyCalendar:
    month: dt.date
    nights: list[dt.date]
    rows: list[CalendarRow]
    beds_total: int
    bed_nights: int
    occupied_bed_nights: int
    buildings: list[Building]
    building: Building | None
    page: object = None

    @property
    def rate(self) -> float:
        if not self.bed_nights:
            return 0.0
        return round(100 * self.occupied_bed_nights / self.bed_nights, 1)


def month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def month_after(value: dt.date) -> dt.date:
    return (value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def occupancy_calendar(
    *, month: dt.date, building: Building | None = None, page: int = 1, per_page=100
) -> OccupancyCalendar:
    """Rooms × the nights of `month`, each cell the room's beds taken that night.

    Six queries for any number of rooms and stays: buildings, the room count
    and one page of rooms with their bed counts, the stays and the
    out-of-service periods of those rooms in the month.
    """
    from django.core.paginator import Paginator

    start = month_start(month)
    end = month_after(start)
    nights = nights_between(start, end)
    buildings = list(Building.objects.filter(is_active=True).order_by("code"))
    rooms = (
        Room.objects.filter(is_active=True, floor__building__is_active=True)
        .select_related("floor__building")
        .annotate(bed_count=Count("beds", filter=Q(beds__is_active=True)))
        .order_by("floor__building__code", "floor__number", "number")
    )
    if building is not None:
        rooms = rooms.filter(floor__building=building)
    paginator = Paginator(rooms, per_page)
    room_page = paginator.get_page(page)
    room_list = list(room_page.object_list)
    room_ids = [room.pk for room in room_list]
    now = timezone.now()
    count = len(nights)
    # per room and night: beds taken, and the rank of the most urgent status
    taken = {pk: [0] * count for pk in room_ids}
    rank = {pk: [_FREE_RANK] * count for pk in room_ids}
    for room_id, check_in, check_out, status in (
        Stay.objects.occupying(now=now)
        .overlapping(start, end)
        .filter(bed__room_id__in=room_ids, bed__is_active=True)
        .values_list("bed__room_id", "check_in", "check_out", "status")
    ):
        room_taken, room_rank, status_rank = (
            taken[room_id],
            rank[room_id],
            _RANK[status],
        )
        for index in range(
            max((check_in - start).days, 0), min((check_out - start).days, count)
        ):
            room_taken[index] += 1
            if status_rank < room_rank[index]:
                room_rank[index] = status_rank
    closed: dict[int, set[int]] = defaultdict(set)
    for room_id, starts_on, ends_on in OutOfService.objects.filter(
        room_id__in=room_ids, starts_on__lt=end, ends_on__gt=start
    ).values_list("room_id", "starts_on", "ends_on"):
        closed[room_id].update(
            range(max((starts_on - start).days, 0), min((ends_on - start).days, count))
        )
    statuses = [status.value for status in CELL_PRIORITY] + ["free"]
    rows = []
    bed_nights = occupied_nights = 0
    for room in room_list:
        beds, room_closed = room.bed_count, closed.get(room.pk, ())
        cells = []
        for index, night in enumerate(nights):
            occupied = taken[room.pk][index]
            if index in room_closed:
                cells.append(Cell(night, occupied, beds, "out_of_service"))
                continue
            bed_nights += beds
            occupied_nights += min(occupied, beds)
            cells.append(Cell(night, occupied, beds, statuses[rank[room.pk][index]]))
        rows.append(CalendarRow(room, cells))
    return OccupancyCalendar(
        month=start,
        nights=nights,
        rows=rows,
        beds_total=sum(room.bed_count for room in room_list),
        bed_nights=bed_nights,
        occupied_bed_nights=occupied_nights,
        buildings=buildings,
        building=building,
        page=room_page,
    )


# --- the front desk ---------------------------------------------------------------


@dataclass
class FrontDeskDay:
    day: dt.date
    arrivals: list[Stay]
    departures: list[Stay]
    in_house: list[Stay]


def front_desk_day(*, day: dt.date) -> FrontDeskDay:
    """Who arrives, who leaves and who stays on `day`, in one query."""
    stays = list(
        _stay_related(
            Stay.objects.filter(
                status__in=(*OCCUPYING, StayStatus.NO_SHOW),
                check_in__lte=day,
                check_out__gte=day,
            )
        ).order_by("bed__room__floor__building__code", "bed__room__number", "pk")
    )
    arrivals, departures, in_house = [], [], []
    for stay in stays:
        if stay.effective_status == StayStatus.EXPIRED:
            continue
        if stay.check_in == day:
            arrivals.append(stay)
        elif stay.check_out == day:
            departures.append(stay)
        elif stay.status == StayStatus.CHECKED_IN:
            in_house.append(stay)
    runs_in_language(stay.run for stay in stays)
    return FrontDeskDay(day, arrivals, departures, in_house)


@dataclass
class HousekeepingRow:
    room: Room
    task: str  # "checkout_clean", "stayover", "prepare", "vacant", "out_of_service"
    guests_leaving: int = 0
    guests_staying: int = 0
    guests_arriving: int = 0

    @property
    def task_label(self) -> str:
        return HOUSEKEEPING_TASKS[self.task]


def _housekeeping_tasks():
    from django.utils.translation import gettext_lazy as _

    return {
        "checkout_clean": _("Clean after check-out"),
        "prepare": _("Prepare for arrivals"),
        "stayover": _("Tidy (guests staying)"),
        "vacant": _("Vacant"),
        "out_of_service": _("Out of service"),
    }


HOUSEKEEPING_TASKS = _housekeeping_tasks()
HOUSEKEEPING_ORDER = [
    "checkout_clean",
    "prepare",
    "stayover",
    "out_of_service",
    "vacant",
]


def housekeeping_list(*, day: dt.date, building: Building | None = None) -> list:
    """Every room with what housekeeping does in it on `day`. Three queries."""
    rooms = (
        Room.objects.filter(is_active=True, floor__building__is_active=True)
        .select_related("floor__building")
        .order_by("floor__building__code", "floor__number", "number")
    )
    if building is not None:
        rooms = rooms.filter(floor__building=building)
    rooms = list(rooms)
    leaving: Counter = Counter()
    staying: Counter = Counter()
    arriving: Counter = Counter()
    for room_id, check_in, check_out in (
        Stay.objects.occupying()
        .filter(check_in__lte=day, check_out__gte=day)
        .values_list("bed__room_id", "check_in", "check_out")
    ):
        if check_out == day:
            leaving[room_id] += 1
        elif check_in == day:
            arriving[room_id] += 1
        else:
            staying[room_id] += 1
    closed = set(
        OutOfService.objects.filter(starts_on__lte=day, ends_on__gt=day).values_list(
            "room_id", flat=True
        )
    )
    rows = []
    for room in rooms:
        if room.pk in closed:
            task = "out_of_service"
        elif leaving[room.pk]:
            task = "checkout_clean"
        elif arriving[room.pk]:
            task = "prepare"
        elif staying[room.pk]:
            task = "stayover"
        else:
            task = "vacant"
        rows.append(
            HousekeepingRow(
                room, task, leaving[room.pk], staying[room.pk], arriving[room.pk]
            )
        )
    rows.sort(key=lambda row: HOUSEKEEPING_ORDER.index(row.task))
    return rows


# --- reports ----------------------------------------------------------------------


@dataclass
class MonthRate:
    month: dt.date
    bed_nights: int
    occupied: int

    @property
    def rate(self) -> float:
        if not self.bed_nights:
            return 0.0
        return round(100 * self.occupied / self.bed_nights, 1)

    @property
    def label(self) -> str:
        return self.month.strftime("%Y-%m")


def occupancy_by_month(*, year: int) -> list[MonthRate]:
    """Bed-nights used over bed-nights offered, month by month: three queries.

    Offered: the beds in use today, less the nights their rooms are out of
    service. Used: nights of stays that took their bed (no-shows and
    cancellations do not count; a checked-out stay counts the nights it used).
    """
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    beds_by_room = dict(
        Room.objects.filter(is_active=True, floor__building__is_active=True)
        .annotate(n=Count("beds", filter=Q(beds__is_active=True)))
        .values_list("pk", "n")
    )
    total_beds = sum(beds_by_room.values())
    offered = [0] * 12
    used = [0] * 12

    def spread(first: dt.date, last: dt.date, weight: int, into: list[int]):
        first, last = max(first, start), min(last, end)
        night = first
        while night < last:
            following = min(month_after(night), last)
            into[night.month - 1] += weight * (following - night).days
            night = following

    for month in range(12):
        days = calendar.monthrange(year, month + 1)[1]
        offered[month] = total_beds * days
    closed = [0] * 12
    for room_id, starts_on, ends_on in OutOfService.objects.filter(
        starts_on__lt=end, ends_on__gt=start
    ).values_list("room_id", "starts_on", "ends_on"):
        spread(starts_on, ends_on, beds_by_room.get(room_id, 0), closed)
    for check_in, check_out in (
        Stay.objects.occupying()
        .overlapping(start, end)
        .values_list("check_in", "check_out")
    ):
        spread(check_in, check_out, 1, used)
    return [
        MonthRate(dt.date(year, m + 1, 1), max(offered[m] - closed[m], 0), used[m])
        for m in range(12)
    ]


def _runs_shown(stays: list) -> list:
    """`stays`, each run's course in the reader's language (one query at most)."""
    runs_in_language(stay.run for stay in stays)
    return stays


def stays_in_range(*, start: dt.date, end: dt.date) -> list:
    """Stays with a night in `[start, end)`, for the CSV export."""
    return _runs_shown(
        list(
            _stay_related(Stay.objects.overlapping(start, end)).order_by(
                "check_in", "bed__room__number", "pk"
            )
        )
    )


def stays_flagged() -> list:
    return _runs_shown(
        list(
            _stay_related(
                Stay.objects.filter(needs_review=True, status__in=LIVE)
            ).order_by("check_in", "pk")
        )
    )


def run_stays(*, run: CourseRun) -> dict:
    """A run's stays for staff: with a bed, and the waitlist in its order; the
    run and its stays show the course in the reader's language."""
    stays = list(
        _stay_related(Stay.objects.filter(run=run)).order_by("created_at", "pk")
    )
    runs_in_language([run, *(stay.run for stay in stays)])
    return {
        "booked": [s for s in stays if s.status != StayStatus.WAITLISTED],
        "waitlist": [s for s in stays if s.status == StayStatus.WAITLISTED],
        "proposal": stay_nights_propose(run=run),
    }


@dataclass
class RunOverview:
    run: CourseRun
    availability: Availability | None
    booked: int
    waitlisted: int
    to_review: int


def residential_runs_overview() -> list[RunOverview]:
    """Upcoming residential runs with their beds left and stays: seven queries
    (eight in a language other than the courses')."""
    runs = list(
        CourseRun.objects.upcoming()
        .filter(is_residential=True)
        .select_related("course")
        .order_by("starts_on", "pk")[:100]
    )
    runs_in_language(runs)
    availability = run_availability(runs=runs)
    counts = Counter()
    for run_id, status, review in Stay.objects.filter(
        run__in=runs, status__in=LIVE
    ).values_list("run_id", "status", "needs_review"):
        key = "waitlisted" if status == StayStatus.WAITLISTED else "booked"
        counts[(run_id, key)] += 1
        counts[(run_id, "review")] += int(review)
    return [
        RunOverview(
            run,
            availability.get(run.pk),
            counts[(run.pk, "booked")],
            counts[(run.pk, "waitlisted")],
            counts[(run.pk, "review")],
        )
        for run in runs
    ]
