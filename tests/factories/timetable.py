"""Factories and helpers for the timetable tests."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory

from lms.timetable.models import (
    Building,
    InstructorSlot,
    LectureSession,
    Room,
    SessionOccurrence,
)

SEOUL = ZoneInfo("Asia/Seoul")
# a Monday far from any holiday the tests create; no blackout dates exist unless
# a test adds them
MONDAY = dt.date(2031, 3, 3)


def at(day_offset: int, hour: int, minute: int = 0, *, base=MONDAY) -> dt.datetime:
    """An aware Seoul time `day_offset` days after the test Monday."""
    day = base + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SEOUL)


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    name = factory.Sequence(lambda n: f"강의동 {n}")
    name_en = factory.Sequence(lambda n: f"Lecture building {n}")
    code = factory.Sequence(lambda n: f"b{n}")
    opens_at = dt.time(8, 0)
    closes_at = dt.time(22, 0)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    building = factory.SubFactory(BuildingFactory)
    name = factory.Sequence(lambda n: f"세미나실 {n}")
    name_en = factory.Sequence(lambda n: f"Seminar room {n}")
    code = factory.Sequence(lambda n: f"r{n}")
    kind = "seminar_room"
    capacity = 20


def meeting_create(
    *, room, starts_at, ends_at, run=None, title="협동조합 실무 특강", instructors=()
) -> SessionOccurrence:
    """A one-meeting session written as rows, bypassing the services (for
    meetings around the current time, which opening hours may refuse)."""
    session = LectureSession.objects.create(
        kind="lecture" if run else "event",
        run=run,
        title=title,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    session.instructors.set(instructors)
    occurrence = SessionOccurrence.objects.create(
        session=session,
        index=0,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        run=run,
    )
    for instructor in instructors:
        InstructorSlot.objects.create(
            occurrence=occurrence,
            instructor=instructor,
            starts_at=starts_at,
            ends_at=ends_at,
        )
    return occurrence
