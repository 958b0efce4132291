"""The demo lodging building and stays: `seed_lodging` is idempotent."""

import pytest
from django.utils import timezone

from lms.lodging.models import Bed, Room, Stay, StayStatus

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_same_building_and_stays():
    from cms.demo import seed_site
    from lms.accounts.demo import seed_people
    from lms.lodging.demo import seed_lodging
    from lms.lodging.selectors import front_desk_day

    seed_site()
    people = seed_people()
    seed_lodging(people=people)
    first = (Room.objects.count(), Bed.objects.count(), Stay.objects.count())
    seed_lodging(people=people)
    assert (Room.objects.count(), Bed.objects.count(), Stay.objects.count()) == first
    assert first[0] >= 15 and first[1] >= 35
    desk = front_desk_day(day=timezone.localdate())
    assert desk.arrivals and desk.departures and desk.in_house
    assert Stay.objects.filter(status=StayStatus.CHECKED_IN).count() == 2
    assert Room.objects.filter(is_accessible=True).count() == 3


def test_staff_screens_name_the_demo_rooms_in_the_reader_language(client, staff):
    """Rooms read "교육센터 숙박동 101호" on Korean pages and "Education Center
    Lodge Room 101" on English ones, never the building's code ("lodge 101")."""
    from django.urls import reverse

    from lms.lodging.demo import seed_inventory

    seed_inventory()
    client.force_login(staff)
    korean = client.get(reverse("lodging:occupancy")).content.decode()
    assert "교육센터 숙박동 101호" in korean
    assert "lodge 101" not in korean
    english = client.get("/en" + reverse("lodging:occupancy")).content.decode()
    assert "Education Center Lodge Room 101" in english
    assert "lodge 101" not in english
