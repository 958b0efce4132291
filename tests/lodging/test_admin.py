"""The inventory in the Wagtail admin: rooms with their beds, kept consistent."""

import pytest
from django.urls import reverse

from lms.lodging.models import Bed, Room

from ..factories.lodging import stay_create

pytestmark = pytest.mark.django_db


def _room_form(room, beds, **changes):
    """The POST of the room edit form, bed rows included."""
    data = {
        "floor": room.floor_id,
        "number": room.number,
        "kind": room.kind,
        "gender_policy": room.gender_policy,
        "notes": "",
        "is_active": "on",
        "beds-TOTAL_FORMS": str(len(beds)),
        "beds-INITIAL_FORMS": str(sum(1 for b in beds if b.get("id"))),
        "beds-MIN_NUM_FORMS": "1",
        "beds-MAX_NUM_FORMS": "1000",
    }
    for index, bed in enumerate(beds):
        prefix = f"beds-{index}-"
        data[prefix + "id"] = bed.get("id", "")
        data[prefix + "label"] = bed["label"]
        data[prefix + "ORDER"] = str(index + 1)
        if bed.get("active", True):
            data[prefix + "is_active"] = "on"
        if bed.get("delete"):
            data[prefix + "DELETE"] = "on"
    data.update(changes)
    return data


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_the_admin_lists_and_adds_rooms_with_beds(admin_client, floor):
    assert admin_client.get(reverse("lodging_rooms:index")).status_code == 200
    assert admin_client.get(reverse("lodging_rooms:add")).status_code == 200
    room = Room(floor=floor, number="501", kind="double", gender_policy="women")
    response = admin_client.post(
        reverse("lodging_rooms:add"),
        _room_form(room, [{"label": "A"}, {"label": "B"}]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Room.objects.get(number="501")
    assert sorted(created.beds.values_list("label", flat=True)) == ["A", "B"]


def test_a_bed_with_stays_is_not_deleted_and_one_with_stays_to_come_stays_in_use(
    admin_client, women_room, run
):
    bed_a, bed_b = women_room.beds.order_by("label")
    stay_create(bed=bed_a, check_in=run.starts_on, check_out=run.ends_on)
    url = reverse("lodging_rooms:edit", args=[women_room.pk])
    assert admin_client.get(url).status_code == 200
    rows = [{"id": bed_a.pk, "label": "A"}, {"id": bed_b.pk, "label": "B"}]
    response = admin_client.post(
        url, _room_form(women_room, [{**rows[0], "delete": True}, rows[1]])
    )
    assert response.status_code == 200  # the form again, with the error
    assert Bed.objects.filter(pk=bed_a.pk).exists()
    response = admin_client.post(
        url, _room_form(women_room, [{**rows[0], "active": False}, rows[1]])
    )
    assert response.status_code == 200
    assert Bed.objects.get(pk=bed_a.pk).is_active
    # the bed without stays may go
    response = admin_client.post(
        url, _room_form(women_room, [rows[0], {**rows[1], "delete": True}])
    )
    assert response.status_code == 302
    assert not Bed.objects.filter(pk=bed_b.pk).exists()
