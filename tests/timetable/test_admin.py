"""Rooms and blackout dates in the Wagtail admin write through the services:
a room with coming meetings cannot be closed or its hours narrowed around them,
and no blackout falls on a day with meetings in its building."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lms.timetable.models import BlackoutDate, Equipment, Room

from ..factories.timetable import (
    MONDAY,
    BuildingFactory,
    RoomFactory,
    at,
    meeting_create,
)

pytestmark = pytest.mark.django_db


def _room_data(room, **changes) -> dict:
    data = {
        "building": room.building_id,
        "name": room.name,
        "name_en": room.name_en,
        "code": room.code,
        "kind": room.kind,
        "capacity": str(room.capacity),
        "step_free": "on",
        "accessibility_notes": "",
        "online_url": "",
        "opens_at": "",
        "closes_at": "",
        "is_active": "on",
        "sort_order": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _coming_meeting(room):
    """A meeting in `room` on the test Monday (in the future), 10:00–12:00."""
    return meeting_create(room=room, starts_at=at(0, 10), ends_at=at(0, 12))


@pytest.fixture(autouse=True)
def _admin_in_english(staff_user):
    """The admin speaks its user's chosen language: English, for the messages."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()


def _edit(client, staff_user, room, **changes):
    client.force_login(staff_user)
    url = reverse("timetable_rooms:edit", args=[room.pk])
    with translation.override("en"):
        return client.post(url, _room_data(room, **changes))


def test_staff_add_a_room_with_its_equipment(client, staff_user):
    building = BuildingFactory()
    projector = Equipment.objects.create(name="빔 프로젝터", code="projector")
    client.force_login(staff_user)
    data = _room_data(RoomFactory.build(building=building), equipment=[projector.pk])
    response = client.post(reverse("timetable_rooms:add"), data)
    assert response.status_code == 302
    room = Room.objects.get(code=data["code"])
    assert list(room.equipment.all()) == [projector]


def test_staff_rename_a_room_with_coming_meetings(client, staff_user, room):
    _coming_meeting(room)
    response = _edit(client, staff_user, room, name="대강의실")
    assert response.status_code == 302
    assert Room.objects.get(pk=room.pk).name == "대강의실"


def test_closing_a_room_with_a_coming_meeting_is_a_form_error(client, staff_user, room):
    _coming_meeting(room)
    response = _edit(client, staff_user, room, is_active=None, name="바뀐 이름")
    assert response.status_code == 200  # the form again, not a 500
    errors = response.context["form"].errors["is_active"]
    assert any("1 coming meeting is booked" in str(error) for error in errors)
    room.refresh_from_db()
    assert room.is_active
    assert room.name != "바뀐 이름"  # nothing half-written


def test_a_room_whose_meetings_are_past_may_close(client, staff_user, room):
    now = timezone.now()
    meeting_create(
        room=room,
        starts_at=now - dt.timedelta(days=2, hours=2),
        ends_at=now - dt.timedelta(days=2),
    )
    response = _edit(client, staff_user, room, is_active=None)
    assert response.status_code == 302
    assert not Room.objects.get(pk=room.pk).is_active


def test_hours_that_leave_out_a_coming_meeting_are_refused(client, staff_user, room):
    _coming_meeting(room)  # 10:00–12:00
    response = _edit(client, staff_user, room, opens_at="11:00", closes_at="18:00")
    assert response.status_code == 200
    errors = response.context["form"].errors["opens_at"]
    assert any("outside the hours 11:00 to 18:00" in str(error) for error in errors)
    assert Room.objects.get(pk=room.pk).opens_at is None
    response = _edit(client, staff_user, room, opens_at="09:00", closes_at="18:00")
    assert response.status_code == 302
    assert Room.objects.get(pk=room.pk).opens_at == dt.time(9, 0)


def test_learners_cannot_open_the_room_admin(client, user, room):
    client.force_login(user)
    response = client.get(reverse("timetable_rooms:edit", args=[room.pk]))
    assert response.status_code in (302, 403)


# --- blackout dates ----------------------------------------------------------------


def _blackout_data(**changes) -> dict:
    data = {
        "date": MONDAY.isoformat(),
        "name": "건물 점검",
        "name_en": "Building inspection",
        "kind": "closure",
        "building": "",
    }
    data.update(changes)
    return data


def test_a_blackout_on_a_day_with_meetings_is_a_form_error(client, staff_user, room):
    _coming_meeting(room)
    client.force_login(staff_user)
    url = reverse("timetable_blackout_dates:add")
    with translation.override("en"):
        response = client.post(url, _blackout_data(building=room.building_id))
    assert response.status_code == 200
    errors = response.context["form"].errors["date"]
    assert any("1 meeting is booked on that day" in str(e) for e in errors)
    assert not BlackoutDate.objects.exists()
    with translation.override("en"):  # center-wide: the same meeting stands in the way
        response = client.post(url, _blackout_data())
    assert response.status_code == 200
    assert not BlackoutDate.objects.exists()


def test_a_blackout_in_another_building_or_on_a_free_day_is_saved(
    client, staff_user, room
):
    _coming_meeting(room)
    client.force_login(staff_user)
    url = reverse("timetable_blackout_dates:add")
    elsewhere = BuildingFactory()
    assert client.post(url, _blackout_data(building=elsewhere.pk)).status_code == 302
    next_day = (MONDAY + dt.timedelta(days=1)).isoformat()
    assert client.post(url, _blackout_data(date=next_day)).status_code == 302
    assert BlackoutDate.objects.count() == 2


def test_moving_a_blackout_onto_a_day_with_meetings_is_refused(
    client, staff_user, room
):
    _coming_meeting(room)
    blackout = BlackoutDate.objects.create(
        date=MONDAY + dt.timedelta(days=1), name="휴관", kind="closure"
    )
    client.force_login(staff_user)
    url = reverse("timetable_blackout_dates:edit", args=[blackout.pk])
    response = client.post(url, _blackout_data(name="휴관"))
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    blackout.refresh_from_db()
    assert blackout.date == MONDAY + dt.timedelta(days=1)
    renamed = _blackout_data(date=blackout.date.isoformat(), name="정기 휴관")
    assert client.post(url, renamed).status_code == 302
    assert BlackoutDate.objects.get(pk=blackout.pk).name == "정기 휴관"
