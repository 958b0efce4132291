"""Places: rooms and blackout dates (from the admin), public holidays.

A room or a blackout date may not strand a meeting already booked: a room with
coming meetings stays active and open during them, and no blackout falls on a
day with meetings in its building. Move or cancel the meetings first.
"""

import holidays
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.core.fields import fields_apply, m2m_apply

from ..models import BlackoutDate, BlackoutKind, Room, SessionOccurrence
from .errors import PlaceInUseError
from .sessions import when_text


def _coming(**filters):
    return SessionOccurrence.objects.filter(
        is_active=True, ends_at__gt=timezone.now(), **filters
    ).order_by("starts_at")


def _room_check(room: Room) -> None:
    """Refuse a room state that a coming meeting in it could not keep."""
    if room.pk is None:
        return
    coming = _coming(room=room)
    if not room.is_active:
        count = coming.count()
        if count:
            raise PlaceInUseError(
                ngettext(
                    "%(n)d coming meeting is booked in %(room)s: move or cancel "
                    "it before closing the room.",
                    "%(n)d coming meetings are booked in %(room)s: move or cancel "
                    "them before closing the room.",
                    count,
                )
                % {"n": count, "room": room},
                field="is_active",
            )
    if room.is_online:
        return
    opens, closes = room.opening_hours()
    for occurrence in coming.only("starts_at", "ends_at").iterator():
        starts = timezone.localtime(occurrence.starts_at)
        ends = timezone.localtime(occurrence.ends_at)
        if (
            starts.time() < opens
            or ends.time() > closes
            or ends.date() != starts.date()
        ):
            raise PlaceInUseError(
                _(
                    "%(when)s is booked in %(room)s, outside the hours "
                    "%(opens)s to %(closes)s: move that meeting first."
                )
                % {
                    "when": when_text(occurrence.starts_at, occurrence.ends_at),
                    "room": room,
                    "opens": opens.strftime("%H:%M"),
                    "closes": closes.strftime("%H:%M"),
                },
                field="opens_at" if room.opens_at else None,
            )


@transaction.atomic
def room_create(*, actor=None, fields: dict) -> Room:
    """A new room, from the admin or a command."""
    room = Room()
    fields_apply(room, fields)
    room.full_clean()
    room.save()
    m2m_apply(room, fields)
    return room


@transaction.atomic
def room_update(*, instance: Room, actor=None, fields: dict) -> Room:
    """Change a room; refused if a coming meeting in it would be stranded.

    The room row is locked, so no meeting is booked in it during the check.
    Closing the room (`is_active` off) is refused while meetings are coming;
    new opening hours are refused if a coming meeting falls outside them.
    """
    room = (
        Room.objects.select_for_update().select_related("building").get(pk=instance.pk)
    )
    fields_apply(room, fields)
    room.full_clean()
    _room_check(room)
    room.save()
    m2m_apply(room, fields)
    return room


def _blackout_check(blackout: BlackoutDate) -> None:
    meetings = _coming(starts_at__date=blackout.date)
    if blackout.building_id is not None:
        meetings = meetings.filter(room__building_id=blackout.building_id)
    count = meetings.count()
    if count:
        raise PlaceInUseError(
            ngettext(
                "%(n)d meeting is booked on that day: move or cancel it first.",
                "%(n)d meetings are booked on that day: move or cancel them first.",
                count,
            )
            % {"n": count},
            field="date",
        )


@transaction.atomic
def blackout_date_create(*, actor=None, fields: dict) -> BlackoutDate:
    """A day no session may meet; refused if meetings are booked on it."""
    blackout = BlackoutDate()
    fields_apply(blackout, fields)
    blackout.full_clean()
    _blackout_check(blackout)
    blackout.save()
    return blackout


@transaction.atomic
def blackout_date_update(
    *, instance: BlackoutDate, actor=None, fields: dict
) -> BlackoutDate:
    """Move or rename a blackout date; refused if meetings are booked on it."""
    blackout = BlackoutDate.objects.select_for_update().get(pk=instance.pk)
    changed = fields_apply(blackout, fields)
    blackout.full_clean()
    if changed & {"date", "building"}:
        _blackout_check(blackout)
    blackout.save()
    return blackout


@transaction.atomic
def blackout_public_holidays_import(*, years) -> int:
    """Korea's public holidays of `years` as center-wide blackout dates.

    Names in Korean and English come from the `holidays` package (including
    the lunar holidays and substitute days). Safe to run again: it updates in
    place. Returns how many dates were created.
    """
    years = sorted(set(years))
    korean = holidays.KR(years=years, language="ko")
    english = holidays.KR(years=years, language="en_US")
    created = 0
    for day, name in sorted(korean.items()):
        _record, was_created = BlackoutDate.objects.update_or_create(
            date=day,
            building=None,
            defaults={
                "name": name[:100],
                "name_en": (english.get(day) or "")[:100],
                "kind": BlackoutKind.PUBLIC_HOLIDAY,
            },
        )
        created += was_created
    return created
