"""Lodging inventory and stays for the tests."""

import datetime as dt

import factory

from lms.lodging.models import (
    Bed,
    Building,
    Floor,
    GenderPolicy,
    Room,
    RoomKind,
    Stay,
    StayStatus,
)

from .accounts import UserFactory


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    code = factory.Sequence(lambda n: f"b{n}")
    name = factory.Sequence(lambda n: f"숙박동 {n}")
    name_en = factory.Sequence(lambda n: f"Lodge {n}")
    check_in_instructions = "1층 안내데스크에서 열쇠를 받으세요."
    check_in_instructions_en = "Collect your key at the front desk on the ground floor."


class FloorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Floor

    building = factory.SubFactory(BuildingFactory)
    number = factory.Sequence(lambda n: n + 1)


def room_create(
    *,
    floor=None,
    number=None,
    beds: int = 2,
    policy: str = GenderPolicy.WOMEN,
    accessible: bool = False,
    kind: str | None = None,
) -> Room:
    """A room with `beds` beds labelled A, B, …"""
    floor = floor or FloorFactory()
    number = (
        number or f"{floor.number}{Room.objects.filter(floor=floor).count() + 1:02d}"
    )
    kind = kind or (
        RoomKind.ACCESSIBLE
        if accessible
        else {1: RoomKind.SINGLE, 2: RoomKind.DOUBLE}.get(beds, RoomKind.QUAD)
    )
    room = Room.objects.create(
        floor=floor,
        number=number,
        kind=kind,
        gender_policy=policy,
        is_accessible=accessible,
    )
    Bed.objects.bulk_create(
        Bed(room=room, label=chr(ord("A") + index)) for index in range(beds)
    )
    return room


def stay_create(*, bed, check_in, check_out, status=StayStatus.CONFIRMED, **fields):
    """A stay written directly (no service): for occupancy and screens."""
    fields.setdefault("guest", UserFactory())
    fields.setdefault("room_policy", bed.room.gender_policy)
    if status == StayStatus.HELD:
        from django.utils import timezone

        fields.setdefault("hold_expires_at", timezone.now() + dt.timedelta(minutes=30))
    return Stay.objects.create(
        bed=bed, check_in=check_in, check_out=check_out, status=status, **fields
    )
