"""Bookings: what can be booked, a day's free slots, book, cancel, approve."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..booking_models import Bookable, BookableKind, Booking
from ..hours import local_zone
from ..selectors import (
    bookable_day_slots,
    bookable_list,
    booking_list_for,
    booking_list_pending,
)
from ..services.bookings import (
    BookingError,
    booking_cancel,
    booking_create,
    booking_decide,
    training_completed,
)


@require_GET
def bookable_index(request):
    """Everything bookable; `?kind=equipment` is the fab lab's equipment store."""
    kind = request.GET.get("kind", "")
    status = 200
    if kind and kind not in BookableKind.values:
        messages.error(request, _("There is no such kind of room or equipment."))
        kind, status = "", 400
    return render(
        request,
        "cms/town/bookable_index.html",
        {
            "bookables": bookable_list(kind=kind),
            "kind": kind,
            "kinds": BookableKind.choices,
        },
        status=status,
    )


def _day(request) -> dt.date:
    today = timezone.now().astimezone(local_zone()).date()
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return today
    return day if today <= day <= today + dt.timedelta(days=90) else today


@require_GET
def bookable_detail(request, pk: int):
    bookable = get_object_or_404(
        Bookable.objects.active().select_related("room__building", "training_course"),
        pk=pk,
    )
    day = _day(request)
    trained = (
        training_completed(user=request.user, bookable=bookable)
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "cms/town/bookable_detail.html",
        {
            "bookable": bookable,
            "day": day,
            "previous_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
            "slots": bookable_day_slots(bookable=bookable, day=day),
            "trained": trained,
            "hour_choices": range(1, bookable.max_hours + 1),
        },
    )


@login_required
@require_POST
def bookable_book(request, pk: int):
    bookable = get_object_or_404(Bookable.objects.active(), pk=pk)
    back = reverse("cms:bookable", args=[pk])
    try:
        starts_at = dt.datetime.fromisoformat(request.POST.get("start", ""))
        hours = int(request.POST.get("hours", "1"))
    except ValueError:
        messages.error(request, _("Choose a free time and a length."))
        return redirect(back)
    if timezone.is_naive(starts_at):
        starts_at = starts_at.replace(tzinfo=local_zone())
    try:
        booking = booking_create(
            user=request.user,
            bookable=bookable,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=max(hours, 1)),
            purpose=request.POST.get("purpose", ""),
        )
    except BookingError as error:
        messages.error(request, error.message)
        response = redirect(f"{back}?date={starts_at.date().isoformat()}")
        return response
    if booking.status == "pending":
        messages.success(request, _("Booked. Staff will confirm it soon."))
    else:
        messages.success(request, _("Booked and confirmed."))
    return redirect(reverse("cms:my-bookings"))


@login_required
@require_GET
def my_bookings(request):
    return render(
        request,
        "cms/town/my_bookings.html",
        {"bookings": booking_list_for(user=request.user)},
    )


@login_required
@require_POST
def booking_cancel_view(request, pk: int):
    booking = get_object_or_404(Booking, pk=pk)
    if booking.booker_id != request.user.pk and not request.user.is_staff:
        raise PermissionDenied
    try:
        if booking_cancel(booking=booking, actor=request.user):
            messages.success(request, _("The booking is cancelled."))
    except BookingError as error:
        messages.error(request, error.message)
    return redirect(reverse("cms:my-bookings"))


@login_required
@require_GET
def staff_bookings(request):
    if not request.user.is_staff:
        raise PermissionDenied
    return render(
        request, "cms/town/staff_bookings.html", {"bookings": booking_list_pending()}
    )


@login_required
@require_POST
def staff_booking_decide(request, pk: int):
    if not request.user.is_staff:
        raise PermissionDenied
    booking = get_object_or_404(Booking, pk=pk)
    try:
        booking_decide(
            booking=booking,
            actor=request.user,
            approve=request.POST.get("decision") == "approve",
            note=request.POST.get("note", ""),
        )
    except BookingError as error:
        messages.error(request, error.message)
    return redirect(reverse("cms:staff-bookings"))
