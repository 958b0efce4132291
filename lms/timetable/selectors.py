"""Reads of the timetable: the staff grid, schedules, rosters, attendance rates.

Each read runs a fixed number of queries whatever the number of rooms,
sessions or learners (pinned in tests/timetable/test_queries.py).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User

from .models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    BlackoutDate,
    Building,
    InstructorSlot,
    LectureSession,
    Room,
    SessionKind,
    SessionOccurrence,
)

FREE_SLOT_MIN = dt.timedelta(minutes=30)
MONTH_CELL_ITEMS = 4


# --- for lodging ----------------------------------------------------------------


def run_session_dates(*, run) -> list[dt.date]:
    """The local dates (Asia/Seoul) on which `run` meets, sorted, each once.

    Lodging proposes the nights between the first and the last of them; it
    listens to `signals.session_rescheduled` for changes. One query.
    """
    return runs_session_dates(run_ids=[run.pk]).get(run.pk, [])


def runs_session_dates(*, run_ids) -> dict[int, list[dt.date]]:
    """`run_session_dates` for many runs in one query: run id → sorted dates.

    Runs with no active meeting are left out.
    """
    days: dict[int, set[dt.date]] = {}
    for run_id, start in SessionOccurrence.objects.filter(
        run_id__in=list(run_ids), is_active=True
    ).values_list("run_id", "starts_at"):
        days.setdefault(run_id, set()).add(timezone.localtime(start).date())
    return {run_id: sorted(dates) for run_id, dates in days.items()}


# --- attendance -------------------------------------------------------------------


@dataclass
class AttendanceRate:
    """Meetings attended (present or late) over meetings held, less excused ones."""

    attended: int
    counted: int
    excused: int = 0

    @property
    def percent(self) -> int | None:
        if self.counted <= 0:
            return None
        return round(100 * self.attended / self.counted)


def attendance_rate(*, run_id: int, learner_id: int) -> AttendanceRate:
    """Over every active meeting of the run's lecture sessions. Two queries."""
    meetings = SessionOccurrence.objects.filter(
        run_id=run_id, is_active=True, session__kind=SessionKind.LECTURE
    )
    total = meetings.count()
    marks = dict(
        Attendance.objects.filter(occurrence__in=meetings, learner_id=learner_id)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    attended = sum(marks.get(status, 0) for status in ATTENDED)
    excused = marks.get(AttendanceStatus.EXCUSED, 0)
    return AttendanceRate(attended=attended, counted=total - excused, excused=excused)


@dataclass
class RosterRow:
    learner: Any
    status: str = ""
    method: str = ""


def roster(*, occurrence: SessionOccurrence) -> list[RosterRow]:
    """The meeting's learners with their mark so far. Two queries."""
    from .services import roster_learners

    marks = {
        record.learner_id: record
        for record in Attendance.objects.filter(occurrence=occurrence)
    }
    rows = []
    for learner in roster_learners(occurrence=occurrence):
        record = marks.get(learner.pk)
        rows.append(
            RosterRow(
                learner,
                record.status if record else "",
                record.method if record else "",
            )
        )
    return rows


# --- sessions -----------------------------------------------------------------------


def session_queryset():
    return LectureSession.objects.select_related(
        "room__building", "run__course"
    ).prefetch_related(
        "instructors",
        "materials",
        Prefetch(
            "occurrences",
            queryset=SessionOccurrence.objects.order_by("starts_at"),
        ),
    )


def run_schedule(*, run) -> list[LectureSession]:
    """The run's sessions, cancelled ones too, with their meetings."""
    return list(session_queryset().filter(run=run).order_by("starts_at", "pk"))


def meetings_upcoming_for(*, user, days: int = 60, limit: int = 50) -> list:
    """The user's next meetings, as learner (active or completed enrolment) or
    as instructor, cancelled ones included so the change is visible."""
    from lms.learning.models import SEAT_HOLDING
    from lms.learning.selectors import runs_in_language

    now = timezone.now()
    meetings = list(
        SessionOccurrence.objects.filter(
            ends_at__gte=now, starts_at__lt=now + dt.timedelta(days=days)
        )
        .filter(
            Q(
                session__run__enrollments__learner=user,
                session__run__enrollments__status__in=SEAT_HOLDING,
            )
            | Q(instructor_slots__instructor=user)
        )
        .distinct()
        .select_related("session__run__course", "room__building")
        .order_by("starts_at")[:limit]
    )
    # each course in the reader's language (a run points at its canonical page)
    runs_in_language([m.session.run for m in meetings if m.session.run_id])
    return meetings


# --- the staff timetable ----------------------------------------------------------


@dataclass
class GridMeeting:
    """A meeting as the grid shows it, with what staff should look at.

    Times, texts and links are worked out once here: the week of 60 rooms has
    hundreds of meetings, and template filters per meeting add up.
    """

    occurrence: SessionOccurrence
    issues: list[str] = field(default_factory=list)
    conflict: bool = False
    starts: dt.datetime = field(init=False)
    ends: dt.datetime = field(init=False)
    time_text: str = field(init=False)
    url: str = ""

    def __post_init__(self):
        self.starts = timezone.localtime(self.occurrence.starts_at)
        self.ends = timezone.localtime(self.occurrence.ends_at)
        self.time_text = f"{self.starts:%H:%M}–{self.ends:%H:%M}"

    @property
    def session(self) -> LectureSession:
        return self.occurrence.session


@dataclass(frozen=True)
class FreeSlot:
    opens: dt.time
    closes: dt.time
    text: str
    url: str


@dataclass
class GridCell:
    day: dt.date
    label: str = ""
    meetings: list[GridMeeting] = field(default_factory=list)
    free: list[FreeSlot] = field(default_factory=list)
    blackout: Any = None
    more: int = 0


@dataclass
class GridLane:
    label: str
    detail: str
    room: Room | None = None
    instructor: Any = None
    cells: list[GridCell] = field(default_factory=list)


@dataclass
class TimetableFilter:
    view: str = "week"
    start: dt.date | None = None
    building: int | None = None
    room: int | None = None
    instructor: int | None = None


@dataclass
class Timetable:
    filter: TimetableFilter
    days: list[dt.date]
    lanes: list[GridLane]
    weeks: list[list[GridCell]] = field(default_factory=list)
    previous: dt.date | None = None
    next: dt.date | None = None
    conflicts: int = 0
    issues: int = 0
    buildings: list = field(default_factory=list)
    rooms: list = field(default_factory=list)
    instructors: list = field(default_factory=list)


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _free_slots(
    *, opens: dt.time, closes: dt.time, day: dt.date, meetings: list[GridMeeting]
) -> list[tuple[dt.time, dt.time]]:
    """The gaps of at least FREE_SLOT_MIN between opening and closing time,
    as (from, to)."""
    zone = timezone.get_current_timezone()
    cursor = dt.datetime.combine(day, opens, tzinfo=zone)
    end_of_day = dt.datetime.combine(day, closes, tzinfo=zone)
    free = []
    for meeting in sorted(meetings, key=lambda m: m.starts):
        if meeting.starts - cursor >= FREE_SLOT_MIN:
            free.append((cursor.time(), meeting.starts.time()))
        cursor = max(cursor, meeting.ends)
    if end_of_day - cursor >= FREE_SLOT_MIN:
        free.append((cursor.time(), end_of_day.time()))
    return free


def _flag_overlaps(meetings: list[GridMeeting], key) -> int:
    """Mark meetings that overlap another with the same key; returns how many."""
    groups = defaultdict(list)
    for meeting in meetings:
        for value in key(meeting):
            groups[value].append(meeting)
    flagged = 0
    for group in groups.values():
        group.sort(key=lambda m: m.starts)
        latest_end = None
        previous = None
        for meeting in group:
            if latest_end is not None and meeting.starts < latest_end:
                for each in (meeting, previous):
                    if not each.conflict:
                        each.conflict = True
                        flagged += 1
            if latest_end is None or meeting.ends > latest_end:
                latest_end, previous = meeting.ends, meeting
    return flagged


def _issues(meeting: GridMeeting, blackouts: dict) -> list[str]:
    occurrence = meeting.occurrence
    room, run = occurrence.room, occurrence.session.run
    issues = []
    if run is not None and not room.is_online and run.seats_taken > room.capacity:
        issues.append(
            _("%(n)d enrolled, %(capacity)d seats")
            % {"n": run.seats_taken, "capacity": room.capacity}
        )
    day = meeting.starts.date()
    blackout = blackouts.get((day, room.building_id)) or blackouts.get((day, None))
    if blackout is not None:
        issues.append(_("on %(name)s") % {"name": blackout.display_name})
    if not room.is_online:
        opens, closes = room.opening_hours()
        if meeting.starts.time() < opens or meeting.ends.time() > closes:
            issues.append(_("outside opening hours"))
    return issues


def timetable(*, query: TimetableFilter) -> Timetable:
    """The week (7 days) or month grid for staff: per room, building or
    instructor, with conflicts, issues and free slots. A fixed number of queries.
    """
    today = timezone.localdate()
    if query.view == "month":
        first = (query.start or today).replace(day=1)
        after = (first + dt.timedelta(days=32)).replace(day=1)
        grid_start = _week_start(first)
        grid_end = _week_start(after - dt.timedelta(days=1)) + dt.timedelta(days=7)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = after
    else:
        first = _week_start(query.start or today)
        grid_start, grid_end = first, first + dt.timedelta(days=7)
        previous, following = first - dt.timedelta(days=7), grid_end
    query.start = first
    days = [
        grid_start + dt.timedelta(days=n) for n in range((grid_end - grid_start).days)
    ]
    zone = timezone.get_current_timezone()
    range_start = dt.datetime.combine(grid_start, dt.time(), tzinfo=zone)
    range_end = dt.datetime.combine(grid_end, dt.time(), tzinfo=zone)

    all_rooms = list(
        Room.objects.select_related("building").order_by(
            "building__sort_order", "building__name", "sort_order", "name"
        )
    )
    rooms = [
        room
        for room in all_rooms
        if (query.building is None or room.building_id == query.building)
        and (query.room is None or room.pk == query.room)
        and (room.is_active or query.room == room.pk)
    ]
    instructor = None
    meetings_qs = (
        SessionOccurrence.objects.filter(
            starts_at__lt=range_end, ends_at__gt=range_start, is_active=True
        )
        .only("session_id", "room_id", "run_id", "starts_at", "ends_at")
        .order_by("starts_at")
    )
    instructors = list(
        User.objects.filter(taught_sessions__isnull=False)
        .distinct()
        .order_by("name_ko")
    )
    if query.instructor is not None:
        instructor = next((u for u in instructors if u.pk == query.instructor), None)
        meetings_qs = meetings_qs.filter(
            instructor_slots__instructor_id=query.instructor,
            instructor_slots__is_active=True,
        )
    else:
        meetings_qs = meetings_qs.filter(room__in=[room.pk for room in rooms])
    marker = 987654321
    session_url = reverse("timetable:session", args=[marker]).replace(str(marker), "{}")
    new_url = reverse("timetable:session-new")
    labels = {day: formats.date_format(day, "D n/j") for day in days}
    rooms_by_id = {room.pk: room for room in all_rooms}
    occurrences = list(meetings_qs)
    # one object per session and per room, not one per meeting: a week of 60
    # rooms has 900 meetings of 180 sessions in 60 rooms
    sessions_by_id = {
        session.pk: session
        for session in LectureSession.objects.filter(
            pk__in={occurrence.session_id for occurrence in occurrences}
        )
        .select_related("run")
        .only("title", "kind", "status", "run", "room_id")
    }
    meetings = []
    for occurrence in occurrences:
        occurrence.room = rooms_by_id[occurrence.room_id]
        occurrence.session = sessions_by_id[occurrence.session_id]
        meetings.append(
            GridMeeting(occurrence, url=session_url.format(occurrence.session_id))
        )
    teaching: dict[int, list[int]] = defaultdict(list)
    for occurrence_id, instructor_id in InstructorSlot.objects.filter(
        is_active=True, starts_at__lt=range_end, ends_at__gt=range_start
    ).values_list("occurrence_id", "instructor_id"):
        teaching[occurrence_id].append(instructor_id)
    blackouts = {
        (b.date, b.building_id): b
        for b in BlackoutDate.objects.filter(date__gte=grid_start, date__lt=grid_end)
    }
    issues = 0
    for meeting in meetings:
        meeting.issues = _issues(meeting, blackouts)
        issues += bool(meeting.issues)
    conflicts = _flag_overlaps(meetings, lambda m: [("room", m.occurrence.room_id)])
    conflicts += _flag_overlaps(
        [m for m in meetings if m.occurrence.run_id],
        lambda m: [("run", m.occurrence.run_id)],
    )
    conflicts += _flag_overlaps(
        meetings,
        lambda m: [("instructor", pk) for pk in teaching[m.occurrence.pk]],
    )

    def cell(day, day_meetings, room=None):
        blackout = None
        if room is not None:
            blackout = blackouts.get((day, room.building_id))
        blackout = blackout or blackouts.get((day, None))
        grid_cell = GridCell(
            day=day, label=labels[day], meetings=day_meetings, blackout=blackout
        )
        if room is not None and not room.is_online and blackout is None:
            opens, closes = room.opening_hours()
            grid_cell.free = [
                FreeSlot(
                    start,
                    end,
                    f"{start:%H:%M}–{end:%H:%M}",
                    f"{new_url}?room={room.pk}&date={day:%Y-%m-%d}&start={start:%H:%M}",
                )
                for start, end in _free_slots(
                    opens=opens, closes=closes, day=day, meetings=day_meetings
                )
            ]
        return grid_cell

    by_lane_day = defaultdict(list)
    for meeting in meetings:
        lane = "i" if instructor is not None else meeting.occurrence.room_id
        by_lane_day[(lane, meeting.starts.date())].append(meeting)
    lanes = []
    if query.instructor is not None:
        lanes.append(
            GridLane(
                label=instructor.display_name if instructor else "?",
                detail=_("instructor"),
                instructor=instructor,
                cells=[cell(day, by_lane_day[("i", day)]) for day in days],
            )
        )
    else:
        for room in rooms:
            lanes.append(
                GridLane(
                    label=str(room),
                    detail=_("%(kind)s · %(capacity)d seats")
                    % {"kind": room.get_kind_display(), "capacity": room.capacity},
                    room=room,
                    cells=[
                        cell(day, by_lane_day[(room.pk, day)], room) for day in days
                    ],
                )
            )
    result = Timetable(
        filter=query,
        days=days[:7],
        lanes=lanes if query.view == "week" else [],
        previous=previous,
        next=following,
        conflicts=conflicts,
        issues=issues,
        buildings=list(Building.objects.order_by("sort_order", "name")),
        rooms=all_rooms,
        instructors=instructors,
    )
    if query.view == "month":
        by_day = defaultdict(list)
        for meeting in meetings:
            by_day[meeting.starts.date()].append(meeting)
        cells = []
        for day in days:
            day_meetings = by_day[day]
            month_cell = cell(day, day_meetings[:MONTH_CELL_ITEMS])
            month_cell.more = max(len(day_meetings) - MONTH_CELL_ITEMS, 0)
            cells.append(month_cell)
        result.weeks = [cells[n : n + 7] for n in range(0, len(cells), 7)]
    return result
