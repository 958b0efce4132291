"""Mentoring views: office hours to book, my bookings and my office hours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.core.ratelimit import RateLimited

from .. import selectors, services
from ..forms import BookingForm, SlotForm
from ..models import MentoringBooking, MentoringSlot
from ..services.errors import CommunityError
from .common import page_number, refused


@login_required
@require_GET
def slot_list(request):
    context = selectors.slot_list_open(user=request.user, page=page_number(request))
    context["booking_form"] = BookingForm()
    return render(request, "community/slot_list.html", context)


@login_required
@require_POST
def slot_book(request, slot_id: int):
    slot = get_object_or_404(MentoringSlot, pk=slot_id)
    form = BookingForm(request.POST)
    if not form.is_valid():
        return refused(
            request,
            CommunityError(_("Say in a line what you would like to talk about.")),
        )
    try:
        services.booking_create(
            learner=request.user, slot=slot, note=form.cleaned_data["note"]
        )
    except (CommunityError, RateLimited) as error:
        return refused(request, error)
    messages.success(request, _("Booked. It is in your calendar feed too."))
    return redirect("community:mentoring-mine")


@login_required
@require_GET
def mine(request):
    return render(
        request,
        "community/mentoring_mine.html",
        selectors.mentoring_mine(user=request.user),
    )


@login_required
@require_POST
def booking_cancel(request, booking_id: int):
    booking = get_object_or_404(MentoringBooking, pk=booking_id)
    try:
        services.booking_cancel(user=request.user, booking=booking)
    except CommunityError as error:
        return refused(request, error)
    messages.success(request, _("The booking is cancelled."))
    return redirect("community:mentoring-mine")


@login_required
@require_http_methods(["GET", "POST"])
def slot_create(request):
    if not selectors.mentor_active(user=request.user):
        return refused(
            request,
            services.CommunityForbidden(_("Only mentors can publish office hours.")),
        )
    form = SlotForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.slot_create(
                    mentor=request.user,
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                    places=form.cleaned_data["places"],
                    topic=form.cleaned_data["topic"],
                    place=form.cleaned_data["place"],
                    online_url=form.cleaned_data["online_url"],
                )
            except CommunityError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your office hours are published."))
                return redirect("community:mentoring-mine")
        status = 400
    return render(request, "community/slot_form.html", {"form": form}, status=status)


@login_required
@require_POST
def slot_cancel(request, slot_id: int):
    slot = get_object_or_404(MentoringSlot, pk=slot_id)
    try:
        count = services.slot_cancel(mentor=request.user, slot=slot)
    except CommunityError as error:
        return refused(request, error)
    messages.success(
        request,
        _("The office hours are cancelled; %(count)d learners are told.")
        % {"count": count},
    )
    return redirect("community:mentoring-mine")
