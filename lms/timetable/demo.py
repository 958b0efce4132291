"""Demo buildings, rooms, holidays, sessions and attendance for `seed_demo`.

Idempotent: places are found by code and updated; a session is created only
if its run (or, for a room booking, its title) has none of that title yet, and
always through the services, dated relative to its run so the demo has past
meetings with attendance, meetings this week and a residential course ahead.
Public holidays on a meeting's date are taken out of its series.
"""

import datetime as dt

from django.utils import timezone

from lms.learning.models import CourseRun

from .models import (
    BlackoutDate,
    Building,
    Equipment,
    LectureSession,
    Room,
    RoomKind,
    SessionKind,
)
from .recurrence import occurrences_expand, rrule_normalise
from .services import (
    TimetableError,
    attendance_roster_save,
    blackout_public_holidays_import,
    session_create,
)

STAFF = "staff@campus.example"

BUILDINGS = [
    {
        "code": "lecture",
        "name": "강의동",
        "name_en": "Lecture Hall Building",
        "address": "전북특별자치도 전주시 완산구 혁신타운로 12 강의동",
        "accessibility": "정문 경사로, 승강기 2대, 층마다 장애인 화장실이 있습니다.",
        "sort_order": 1,
    },
    {
        "code": "lodging",
        "name": "숙박동",
        "name_en": "Lodging Building",
        "address": "전북특별자치도 전주시 완산구 혁신타운로 14 숙박동",
        "accessibility": "1층 세미나실은 계단 없이 들어갈 수 있습니다.",
        "sort_order": 2,
    },
]

EQUIPMENT = [
    ("projector", "빔프로젝터", "Projector"),
    ("microphone", "무선 마이크", "Wireless microphones"),
    ("video", "화상회의 장비", "Video conferencing"),
    ("whiteboard", "화이트보드", "Whiteboard"),
    ("computers", "실습용 PC", "Lab computers"),
]

# building code, room code, ko, en, kind, seats, equipment, step-free, hearing loop
ROOMS = [
    (
        "lecture",
        "hall",
        "대강당",
        "Main Hall",
        RoomKind.LECTURE_HALL,
        120,
        ["projector", "microphone", "video"],
        True,
        True,
    ),
    (
        "lecture",
        "s101",
        "세미나실 101",
        "Seminar Room 101",
        RoomKind.SEMINAR_ROOM,
        24,
        ["projector", "whiteboard"],
        True,
        False,
    ),
    (
        "lecture",
        "s102",
        "세미나실 102",
        "Seminar Room 102",
        RoomKind.SEMINAR_ROOM,
        16,
        ["projector", "whiteboard", "video"],
        True,
        False,
    ),
    (
        "lecture",
        "lab",
        "디지털 실습실",
        "Digital Lab",
        RoomKind.LAB,
        30,
        ["projector", "computers"],
        True,
        False,
    ),
    (
        "lecture",
        "online",
        "온라인 강의실",
        "Online Room",
        RoomKind.ONLINE,
        300,
        ["video"],
        True,
        False,
    ),
    (
        "lodging",
        "l-s1",
        "숙박동 세미나실",
        "Lodging Seminar Room",
        RoomKind.SEMINAR_ROOM,
        20,
        ["whiteboard"],
        True,
        False,
    ),
]

# (course slug, run title) → sessions; `first` is days from the run's start,
# `weekday` (0 = Monday) moves the first meeting to that day of the week
SESSIONS = [
    {
        "run": ("social-enterprise-startup-basics", "2기"),
        "title": "창업 워크숍: 사업모델 설계",
        "room": "s101",
        "weekday": 1,
        "first": 0,
        "time": ("14:00", "17:00"),
        "rrule": "FREQ=WEEKLY;COUNT=6",
        "instructors": ["instructor@campus.example"],
        "description": "매주 화요일 오후, 조별로 사업모델 캔버스를 완성합니다.",
        "attendance": {
            "learner@campus.example": "present",
            "learner2@campus.example": "late",
            "learner3@campus.example": "absent",
        },
    },
    {
        "run": ("social-enterprise-startup-basics", "3기"),
        "title": "창업 워크숍: 사업모델 설계",
        "room": "s101",
        "weekday": 3,
        "first": 0,
        "time": ("14:00", "17:00"),
        "rrule": "FREQ=WEEKLY;COUNT=6",
        "instructors": ["instructor@campus.example"],
    },
    {
        "run": ("local-food-market-access-residential", "합숙 1기"),
        "title": "오전 강의: 로컬푸드 유통 구조",
        "room": "hall",
        "first": 0,
        "time": ("09:30", "12:30"),
        "rrule": "FREQ=DAILY;COUNT=4",
        "instructors": ["instructor@campus.example"],
        "min_attendance": 75,
    },
    {
        "run": ("local-food-market-access-residential", "합숙 1기"),
        "title": "오후 실습: 온라인 판로 만들기",
        "room": "lab",
        "first": 0,
        "time": ("14:00", "17:00"),
        "rrule": "FREQ=DAILY;COUNT=4",
        "instructors": ["instructor2@campus.example"],
    },
    {
        "run": ("understanding-impact-investing", "금융센터 라운드테이블"),
        "title": "임팩트 투자 라운드테이블",
        "room": "s102",
        "first": 0,
        "time": ("19:00", "21:00"),
        "rrule": "",
        "instructors": ["instructor2@campus.example"],
    },
    {
        "run": ("cooperative-accounting-and-finance", "상시 과정"),
        "title": "온라인 질의응답: 협동조합 회계",
        "room": "online",
        "weekday": 2,
        "first": 20,
        "time": ("19:30", "20:30"),
        "rrule": "FREQ=WEEKLY;INTERVAL=2;COUNT=6",
        "instructors": ["instructor2@campus.example"],
    },
]

EVENTS = [
    {
        "title": "전북 사회적경제 네트워크 정기총회",
        "organiser": "전북사회적경제연대회의",
        "room": "hall",
        "days": 7,
        "time": ("10:00", "12:00"),
    },
    {
        "title": "협동조합 설립 상담의 날",
        "organiser": "금융센터",
        "room": "s102",
        "days": 2,
        "time": ("13:00", "16:00"),
    },
]


def seed_places() -> dict[str, Room]:
    buildings = {}
    for spec in BUILDINGS:
        building, _ = Building.objects.update_or_create(
            code=spec["code"], defaults={k: v for k, v in spec.items() if k != "code"}
        )
        buildings[spec["code"]] = building
    equipment = {}
    for code, name, name_en in EQUIPMENT:
        equipment[code], _ = Equipment.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en}
        )
    rooms = {}
    for order, row in enumerate(ROOMS):
        building, code, name, name_en, kind, seats, kit, step_free, loop = row
        room, _ = Room.objects.update_or_create(
            building=buildings[building],
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": kind,
                "capacity": seats,
                "step_free": step_free,
                "hearing_loop": loop,
                "online_url": "https://meet.campus.example/online-room"
                if kind == RoomKind.ONLINE
                else "",
                "sort_order": order,
            },
        )
        room.equipment.set([equipment[c] for c in kit])
        rooms[code] = room
    return rooms


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime.combine(
        day, dt.time(hours, minutes), tzinfo=timezone.get_default_timezone()
    )


def _holidays_in(*, starts_at, ends_at, rrule, room) -> list[dt.date]:
    days = {
        start.date()
        for start, _end in occurrences_expand(
            starts_at=starts_at, ends_at=ends_at, rrule=rrule_normalise(rrule)
        )
    }
    return sorted(
        BlackoutDate.objects.filter(date__in=days)
        .filter(building__isnull=True)
        .values_list("date", flat=True)
    )


def _first_day(run: CourseRun, spec: dict) -> dt.date:
    day = run.starts_on + dt.timedelta(days=spec.get("first", 0))
    if "weekday" in spec:
        day += dt.timedelta(days=(spec["weekday"] - day.weekday()) % 7)
    return day


def seed_timetable(*, people) -> list[LectureSession]:
    """Places, this and next year's public holidays, sessions and attendance."""
    today = timezone.localdate()
    blackout_public_holidays_import(years=[today.year - 1, today.year, today.year + 1])
    rooms = seed_places()
    staff = people[STAFF]
    created = []
    for spec in SESSIONS:
        slug, run_title = spec["run"]
        run = (
            CourseRun.objects.filter(course__slug=slug, title_ko=run_title)
            .select_related("course")
            .first()
        )
        if run is None or run.starts_on is None:
            continue
        if spec.get("min_attendance"):
            CourseRun.objects.filter(pk=run.pk).update(
                completion_min_attendance=spec["min_attendance"]
            )
        day = _first_day(run, spec)
        starts_at, ends_at = _at(day, spec["time"][0]), _at(day, spec["time"][1])
        existing = LectureSession.objects.filter(run=run, title=spec["title"]).first()
        if existing is not None and existing.starts_at == starts_at:
            continue
        if existing is not None:
            # the run's dates moved (they follow the day the demo is seeded):
            # the sessions follow them, so that dates, sessions and nights agree
            existing.delete()
        room = rooms[spec["room"]]
        try:
            outcome = session_create(
                run=run,
                title=spec["title"],
                room=room,
                starts_at=starts_at,
                ends_at=ends_at,
                rrule=spec["rrule"],
                excluded_dates=_holidays_in(
                    starts_at=starts_at, ends_at=ends_at, rrule=spec["rrule"], room=room
                ),
                instructors=[people[email] for email in spec["instructors"]],
                description=spec.get("description", ""),
                actor=staff,
            )
        except TimetableError:
            continue  # e.g. the run's dates no longer fit: leave it out of the demo
        created.append(outcome.session)
        marks = {
            people[e].pk: status for e, status in spec.get("attendance", {}).items()
        }
        if marks:
            for occurrence in outcome.session.occurrences.filter(
                is_active=True, starts_at__lt=timezone.now()
            ):
                attendance_roster_save(
                    occurrence=occurrence,
                    marks=marks,
                    actor=people[spec["instructors"][0]],
                )
    for spec in EVENTS:
        if LectureSession.objects.filter(
            kind=SessionKind.EVENT, title=spec["title"]
        ).exists():
            continue
        day = today + dt.timedelta(days=spec["days"])
        while BlackoutDate.objects.filter(date=day).exists() or day.weekday() > 4:
            day += dt.timedelta(days=1)
        try:
            outcome = session_create(
                kind=SessionKind.EVENT,
                title=spec["title"],
                organiser=spec["organiser"],
                room=rooms[spec["room"]],
                starts_at=_at(day, spec["time"][0]),
                ends_at=_at(day, spec["time"][1]),
                actor=staff,
            )
        except TimetableError:
            continue
        created.append(outcome.session)
    return created
