"""Mentoring: open slots, a user's bookings, whether they mentor."""

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from lms.learning.models import SEAT_HOLDING, Enrollment
from lms.learning.selectors import runs_in_language

from ..models import (
    BookingStatus,
    MentoringBooking,
    MentoringSlot,
    MentorProfile,
    SlotStatus,
)

SLOTS_PER_PAGE = 30


def slot_list_open(*, user, page: Any = 1) -> dict[str, Any]:
    """Office hours still to come that have a place left and that the person
    may book (not restricted to a run they are not in).
    """
    runs = Enrollment.objects.filter(learner=user, status__in=SEAT_HOLDING).values(
        "run_id"
    )
    booked = MentoringBooking.objects.filter(
        slot=OuterRef("pk"), learner_id=user.pk, status=BookingStatus.BOOKED
    )
    slots = (
        MentoringSlot.objects.filter(
            status=SlotStatus.OPEN, starts_at__gt=timezone.now()
        )
        .filter(Q(run__isnull=True) | Q(run_id__in=runs) | Q(mentor=user))
        .annotate(has_booked=Exists(booked))
        .select_related("mentor__organization", "mentor__mentor_profile", "run__course")
        .order_by("starts_at", "pk")
    )
    paginator = Paginator(slots, SLOTS_PER_PAGE)
    page_obj = paginator.get_page(page)
    page_obj.object_list = list(page_obj.object_list)
    runs_in_language(slot.run for slot in page_obj.object_list)
    return {"slots": page_obj, "page_obj": page_obj}


def mentoring_mine(*, user) -> dict[str, Any]:
    """My bookings as a learner and, for mentors, my office hours with who booked."""
    since = timezone.now() - dt.timedelta(days=30)
    bookings = list(
        MentoringBooking.objects.filter(learner=user, slot__ends_at__gte=since)
        .select_related("slot__mentor")
        .order_by("slot__starts_at", "pk")
    )
    slots = list(
        MentoringSlot.objects.filter(mentor=user, ends_at__gte=since)
        .prefetch_related(
            _active_bookings(),
        )
        .select_related("run__course")
        .order_by("starts_at", "pk")
    )
    runs_in_language(slot.run for slot in slots)
    return {
        "bookings": bookings,
        "slots": slots,
        "is_mentor": mentor_active(user=user),
    }


def _active_bookings():
    return Prefetch(
        "bookings",
        queryset=MentoringBooking.objects.filter(status=BookingStatus.BOOKED)
        .select_related("learner__organization")
        .order_by("booked_at"),
        to_attr="active_bookings",
    )


def mentor_active(*, user) -> bool:
    return MentorProfile.objects.filter(user=user, is_active=True).exists()
