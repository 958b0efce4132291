"""Choosing a bed: who may sleep where, and which free bed suits a guest best.

`Occupancy` is a snapshot of the inventory and of the stays over a range of
nights, loaded in three queries and then updated in memory while the
services assign several beds under one lock (promoting a waitlist).

The rules:
- hard: the room's policy is the one the stay asks for (women only, men
  only, family or mixed); a guest who needs an accessible room gets one; the
  bed is free and the room in service for every night of the stay;
- soft, in this order: accessible rooms are kept for those who need them;
  members of one organization who asked to be together share a room, and a
  group starts in an empty room; everyone else fills rooms that are already
  in use before empty ones, and does not join a group's room or a stranger in
  a mixed room while another bed is free.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Bed, GenderPolicy, OutOfService, Stay

# soft-rule weights: lower is better
ACCESSIBLE_KEPT = 100
STRANGER_IN_MIXED_ROOM = 30
JOINS_ANOTHER_GROUP = 15
GROUP_AMONG_OTHERS = 20
EMPTY_ROOM = 5
WITH_OWN_GROUP = -50


# NamedTuples: a snapshot holds hundreds of them and is built on every booking


class RoomInfo(NamedTuple):
    pk: int
    number: str
    floor: int
    building: str
    gender_policy: str
    is_accessible: bool


class BedInfo(NamedTuple):
    pk: int
    label: str
    room: RoomInfo


class Occupant(NamedTuple):
    stay: int
    bed: int
    check_in: dt.date
    check_out: dt.date
    organization: int | None
    keeps_together: bool

    def overlaps(self, check_in: dt.date, check_out: dt.date) -> bool:
        return self.check_in < check_out and check_in < self.check_out


@dataclass
class Request:
    """What a stay asks for, whether or not it exists yet."""

    check_in: dt.date
    check_out: dt.date
    room_policy: str
    needs_accessible: bool = False
    organization: int | None = None
    keep_with_organization: bool = False
    stay: int | None = None  # an existing stay being moved: its own nights are free


def request_for(stay: Stay) -> Request:
    return Request(
        check_in=stay.check_in,
        check_out=stay.check_out,
        room_policy=stay.room_policy,
        needs_accessible=stay.needs_accessible,
        organization=stay.organization_id,
        keep_with_organization=stay.keep_with_organization,
        stay=stay.pk,
    )


def bed_refusal(bed: BedInfo, request: Request) -> str:
    """Why `bed`'s room may not take this guest ("" when it may): hard rules."""
    room = bed.room
    if room.gender_policy != request.room_policy:
        return _("Room %(room)s is for: %(policy)s.") % {
            "room": room.number,
            "policy": GenderPolicy(room.gender_policy).label,
        }
    if request.needs_accessible and not room.is_accessible:
        return _("The guest needs an accessible room; room %(room)s is not.") % {
            "room": room.number
        }
    return ""


@dataclass
class Occupancy:
    """Beds, the stays occupying them, and rooms out of service, over some nights."""

    beds: list[BedInfo]
    occupants: list[Occupant] = field(default_factory=list)
    out_of_service: dict[int, list[tuple[dt.date, dt.date]]] = field(
        default_factory=dict
    )

    def __post_init__(self):
        self.beds.sort(
            key=lambda b: (b.room.building, b.room.floor, b.room.number, b.label)
        )
        self.by_pk = {bed.pk: bed for bed in self.beds}
        self._by_bed: dict[int, list[Occupant]] = defaultdict(list)
        self._by_room: dict[int, list[Occupant]] = defaultdict(list)
        for occupant in self.occupants:
            self._index(occupant)

    @classmethod
    def load(
        cls,
        check_in: dt.date,
        check_out: dt.date,
        *,
        now=None,
        room_policy: str | None = None,
    ) -> "Occupancy":
        """The snapshot for the nights `[check_in, check_out)`: three queries.

        With `room_policy`, only the rooms of that policy: all that one
        request can use, and fewer rows to read under the lock.
        """
        now = now or timezone.now()
        beds = Bed.objects.filter(
            is_active=True, room__is_active=True, room__floor__building__is_active=True
        )
        stays = Stay.objects.occupying(now=now).overlapping(check_in, check_out)
        closures = OutOfService.objects.filter(
            starts_on__lt=check_out, ends_on__gt=check_in
        )
        if room_policy is not None:
            beds = beds.filter(room__gender_policy=room_policy)
            stays = stays.filter(bed__room__gender_policy=room_policy)
            closures = closures.filter(room__gender_policy=room_policy)
        rooms: dict[int, RoomInfo] = {}
        bed_list = []
        for (
            pk,
            label,
            room_id,
            number,
            floor,
            building,
            policy,
            accessible,
        ) in beds.values_list(
            "pk",
            "label",
            "room_id",
            "room__number",
            "room__floor__number",
            "room__floor__building__code",
            "room__gender_policy",
            "room__is_accessible",
        ):
            room = rooms.get(room_id)
            if room is None:
                room = rooms[room_id] = RoomInfo(
                    room_id, number, floor, building, policy, accessible
                )
            bed_list.append(BedInfo(pk, label, room))
        occupants = [
            Occupant(*row)
            for row in stays.values_list(
                "pk",
                "bed_id",
                "check_in",
                "check_out",
                "organization_id",
                "keep_with_organization",
            )
        ]
        out_of_service: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for room_id, starts_on, ends_on in closures.values_list(
            "room_id", "starts_on", "ends_on"
        ):
            out_of_service[room_id].append((starts_on, ends_on))
        return cls(beds=bed_list, occupants=occupants, out_of_service=out_of_service)

    def _index(self, occupant: Occupant) -> None:
        self._by_bed[occupant.bed].append(occupant)
        bed = self.by_pk.get(occupant.bed)
        if bed is not None:
            self._by_room[bed.room.pk].append(occupant)

    def add(self, *, stay: int, bed: int, request: Request) -> None:
        """Record that `stay` now occupies `bed` for the request's nights."""
        self._index(
            Occupant(
                stay=stay,
                bed=bed,
                check_in=request.check_in,
                check_out=request.check_out,
                organization=request.organization,
                keeps_together=request.keep_with_organization,
            )
        )

    def room_in_service(self, room: RoomInfo, check_in, check_out) -> bool:
        return not any(
            start < check_out and check_in < end
            for start, end in self.out_of_service.get(room.pk, ())
        )

    def bed_free(self, bed: BedInfo, request: Request) -> bool:
        return self.room_in_service(
            bed.room, request.check_in, request.check_out
        ) and not any(
            occupant.stay != request.stay
            and occupant.overlaps(request.check_in, request.check_out)
            for occupant in self._by_bed.get(bed.pk, ())
        )

    def _score(self, bed: BedInfo, request: Request) -> int:
        room = bed.room
        others = [
            occupant
            for occupant in self._by_room.get(room.pk, ())
            if occupant.stay != request.stay
            and occupant.overlaps(request.check_in, request.check_out)
        ]
        score = 0
        if room.is_accessible and not request.needs_accessible:
            score += ACCESSIBLE_KEPT
        own_group = request.organization is not None and any(
            o.organization == request.organization for o in others
        )
        if request.keep_with_organization and request.organization is not None:
            if own_group:
                score += WITH_OWN_GROUP
            elif others:
                score += GROUP_AMONG_OTHERS
            return score
        if not others:
            return score + EMPTY_ROOM
        if any(
            o.keeps_together and o.organization != request.organization for o in others
        ):
            score += JOINS_ANOTHER_GROUP
        if room.gender_policy == GenderPolicy.MIXED and not own_group:
            score += STRANGER_IN_MIXED_ROOM
        return score

    def choose(self, request: Request) -> BedInfo | None:
        """The best free bed for `request`, or None when none may take it."""
        best: tuple[int, int] | None = None
        chosen = None
        for position, bed in enumerate(self.beds):
            if bed_refusal(bed, request) or not self.bed_free(bed, request):
                continue
            key = (self._score(bed, request), position)
            if best is None or key < best:
                best, chosen = key, bed
        return chosen

    def free_beds(self, request: Request) -> int:
        """How many beds could take `request` (for availability on the catalog)."""
        return sum(
            1
            for bed in self.beds
            if not bed_refusal(bed, request) and self.bed_free(bed, request)
        )
