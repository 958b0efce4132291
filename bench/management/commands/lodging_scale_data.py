"""Fill the lodging building for load tests: `manage.py lodging_scale_data --rooms 100`.

Adds rooms (four beds each) to a separate building until there are `--rooms`
rooms in all, then fills this month and the next with stays: back-to-back
three-night stays in most beds, in every status the calendar colours. Rerunning
it adds nothing once the rooms are there and the month has stays.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from lms.accounts.models import User
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

POLICIES = [GenderPolicy.WOMEN, GenderPolicy.MEN, GenderPolicy.MIXED]
STATUSES = [StayStatus.CONFIRMED, StayStatus.CHECKED_IN, StayStatus.CHECKED_OUT]
MARK = "[scale]"


class Command(BaseCommand):
    help = "Add rooms and a month of stays so the lodging screens can be loaded."

    def add_arguments(self, parser):
        parser.add_argument("--rooms", type=int, default=100)

    @transaction.atomic
    def handle(self, *args, rooms: int, **options):
        building, _ = Building.objects.get_or_create(
            code="annex", defaults={"name": "숙박동 별관", "name_en": "Lodge annex"}
        )
        missing = rooms - Room.objects.count()
        if missing > 0:
            floors = [
                Floor.objects.get_or_create(building=building, number=n)[0]
                for n in range(1, 6)
            ]
            start = Room.objects.filter(floor__building=building).count()
            new = Room.objects.bulk_create(
                Room(
                    floor=floors[n % 5],
                    number=f"A{n:03d}",
                    kind=RoomKind.QUAD,
                    gender_policy=POLICIES[n % 3],
                )
                for n in range(start, start + missing)
            )
            new = list(Room.objects.filter(number__in=[room.number for room in new]))
            Bed.objects.bulk_create(
                Bed(room=room, label=label) for room in new for label in "ABCD"
            )
        today = timezone.localdate()
        first = today.replace(day=1)
        if Stay.objects.filter(staff_note=MARK, check_in__gte=first).exists():
            self.stdout.write("lodging scale data: already there")
            return
        end = first + dt.timedelta(days=62)
        guest = User.objects.order_by("pk").first()
        stays = []
        for bed in (
            Bed.objects.filter(room__floor__building=building)
            .select_related("room")
            .order_by("pk")
        ):
            if bed.pk % 5 == 0:
                continue  # a fifth of the beds stay free
            day = first + dt.timedelta(days=bed.pk % 4)
            while day + dt.timedelta(days=3) <= end:
                stays.append(
                    Stay(
                        guest=guest,
                        bed=bed,
                        room_policy=bed.room.gender_policy,
                        check_in=day,
                        check_out=day + dt.timedelta(days=3),
                        status=STATUSES[len(stays) % 3],
                        staff_note=MARK,
                    )
                )
                day += dt.timedelta(days=4)
        Stay.objects.bulk_create(stays, batch_size=2000)
        self.stdout.write(
            f"lodging scale data: {Room.objects.count()} rooms, {len(stays)} stays"
        )
