"""Places: public holidays as blackout dates, the admin screens, the demo."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from lms.timetable.models import BlackoutDate
from lms.timetable.services import blackout_public_holidays_import

pytestmark = pytest.mark.django_db


def test_korean_public_holidays_are_imported_with_both_names_once():
    created = blackout_public_holidays_import(years=[2026])
    assert created >= 15
    chuseok = BlackoutDate.objects.get(date=dt.date(2026, 9, 25))
    assert chuseok.name == "추석" and chuseok.name_en == "Chuseok"
    assert chuseok.building is None
    assert blackout_public_holidays_import(years=[2026]) == 0
    assert BlackoutDate.objects.filter(date__year=2026).count() == created


def test_the_holidays_command_takes_years():
    call_command("timetable_holidays", "2027", stdout=io.StringIO())
    assert BlackoutDate.objects.filter(date=dt.date(2027, 1, 1)).exists()


@pytest.mark.parametrize(
    "name",
    [
        "timetable_buildings:index",
        "timetable_rooms:index",
        "timetable_rooms:add",
        "timetable_equipment:index",
        "timetable_blackout_dates:index",
    ],
)
def test_staff_manage_places_in_the_wagtail_admin(client, staff_user, room, name):
    client.force_login(staff_user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    if name == "timetable_rooms:index":
        assert room.name in response.content.decode()


def test_the_admin_menu_links_to_the_timetable(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("timetable:timetable") in response.content.decode()


def test_a_learner_cannot_open_the_places_admin(client, learner):
    client.force_login(learner)
    response = client.get(reverse("timetable_rooms:index"))
    assert response.status_code in (302, 403)


def test_the_demo_timetable_is_idempotent():
    from lms.accounts.demo import seed_people
    from lms.timetable.demo import seed_timetable
    from lms.timetable.models import Building, LectureSession, Room

    people = seed_people()
    seed_timetable(people=people)
    counts = (
        Building.objects.count(),
        Room.objects.count(),
        LectureSession.objects.count(),
        BlackoutDate.objects.count(),
    )
    assert counts[1] >= 6 and counts[2] >= 2  # the room bookings, without runs
    seed_timetable(people=people)
    assert counts == (
        Building.objects.count(),
        Room.objects.count(),
        LectureSession.objects.count(),
        BlackoutDate.objects.count(),
    )
    assert Room.objects.get(code="hall").name_en == "Main Hall"
