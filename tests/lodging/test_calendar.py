"""Stays in the personal calendar feed: the source lodging registers."""

import datetime as dt

import icalendar
import pytest
import recurring_ical_events

from lms.core.calendar import calendar_entries_for, calendar_sources
from lms.lodging.calendar import stay_calendar_entries
from lms.lodging.models import GenderPolicy, StayStatus
from lms.lodging.services import stay_cancel, stay_confirm, stay_hold

pytestmark = pytest.mark.django_db


def _ical(entries) -> bytes:
    """The entries as a VCALENDAR, as the timetable's feed writes them."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Campus//lodging test//KO")
    calendar.add("version", "2.0")
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.summary)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
        event.add("status", entry.status)
        event.add("sequence", entry.sequence)
        event.add("location", entry.location)
        calendar.add_component(event)
    return calendar.to_ical()


def test_lodging_registers_its_calendar_source():
    assert stay_calendar_entries in calendar_sources()


def test_a_stay_is_an_all_day_entry_over_its_nights(enrollment, women_room, run):
    stay = stay_confirm(
        stay=stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    )
    (entry,) = stay_calendar_entries(user=enrollment.learner)
    assert entry.uid == f"stay-{stay.pk}@campus"
    assert entry.all_day and (entry.start, entry.end) == (run.starts_on, run.ends_on)
    assert entry.status == "CONFIRMED"
    assert "201" in entry.location
    assert entry.url.endswith(stay.get_absolute_url())
    # a standards client sees the two nights, and nothing on check-out day
    parsed = icalendar.Calendar.from_ical(_ical([entry]))
    events = recurring_ical_events.of(parsed).between(
        run.starts_on - dt.timedelta(days=5), run.ends_on + dt.timedelta(days=5)
    )
    assert [(e["DTSTART"].dt, e["DTEND"].dt) for e in events] == [
        (run.starts_on, run.ends_on)
    ]
    assert not recurring_ical_events.of(parsed).at(run.ends_on)


def test_a_cancelled_stay_stays_in_the_feed_as_cancelled_with_a_new_sequence(
    enrollment, women_room
):
    stay = stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    (held,) = stay_calendar_entries(user=enrollment.learner)
    assert held.status == "TENTATIVE"
    stay_cancel(stay=stay)
    (cancelled,) = stay_calendar_entries(user=enrollment.learner)
    assert cancelled.status == "CANCELLED" and cancelled.sequence > held.sequence
    assert cancelled.uid == held.uid


def test_the_source_shows_only_ones_own_stays_in_one_query(
    enrol, women_room, floor, django_assert_num_queries
):
    from ..factories import UserFactory
    from ..factories.lodging import room_create

    room_create(floor=floor, number="210", beds=4)
    mine, other = enrol(), enrol()
    stay_hold(enrollment=mine, room_policy=GenderPolicy.WOMEN)
    stay_hold(enrollment=other, room_policy=GenderPolicy.WOMEN)
    with django_assert_num_queries(1):
        entries = stay_calendar_entries(user=mine.learner)
    assert len(entries) == 1
    assert stay_calendar_entries(user=UserFactory()) == []
    from django.contrib.auth.models import AnonymousUser

    assert stay_calendar_entries(user=AnonymousUser()) == []
    assert len(calendar_entries_for(user=other.learner)) >= 1


def test_a_waitlisted_stay_is_tentative(enrol, floor):
    from ..factories.lodging import room_create

    room_create(floor=floor, number="101", beds=1)
    stay_hold(enrollment=enrol(), room_policy=GenderPolicy.WOMEN)
    waiting = enrol()
    stay = stay_hold(enrollment=waiting, room_policy=GenderPolicy.WOMEN)
    assert stay.status == StayStatus.WAITLISTED
    (entry,) = stay_calendar_entries(user=waiting.learner)
    assert entry.status == "TENTATIVE" and entry.location == ""
