"""One stay: its page, the actions on it, a new booking, a room out of service."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.learning.selectors import run_in_language

from ... import services
from ...assignment import Occupancy, bed_refusal, request_for
from ...forms import (
    BedChangeForm,
    GuestStayForm,
    NightsForm,
    OutOfServiceForm,
    bed_choices,
)
from ...models import OutOfService, Stay, StayStatus
from .access import staff_required


def _stay(stay_id: int) -> Stay:
    return get_object_or_404(
        Stay.objects.select_related(
            "bed__room__floor__building", "run__course", "guest", "organization"
        ),
        pk=stay_id,
    )


def _free_beds(stay: Stay):
    """Beds the stay could move to: its kind of room, free on all its nights."""
    if stay.status not in (
        StayStatus.HELD,
        StayStatus.CONFIRMED,
        StayStatus.CHECKED_IN,
    ):
        return None
    occupancy = Occupancy.load(stay.check_in, stay.check_out)
    request = request_for(stay)
    ids = [
        bed.pk
        for bed in occupancy.beds
        if bed.pk != stay.bed_id
        and not bed_refusal(bed, request)
        and occupancy.bed_free(bed, request)
    ]
    return bed_choices().filter(pk__in=ids)


def _stay_page(request, stay: Stay, *, status=200, bed_form=None, nights_form=None):
    beds = _free_beds(stay)
    run_in_language(stay.run)
    return render(
        request,
        "lodging/staff/stay.html",
        {
            "stay": stay,
            "bed_form": bed_form
            or (BedChangeForm(beds=beds) if beds is not None else None),
            "nights_form": nights_form
            or NightsForm(
                initial={"check_in": stay.check_in, "check_out": stay.check_out}
            ),
            "section": "stays",
        },
        status=status,
    )


@staff_required
@require_GET
def stay_manage(request, stay_id: int):
    return _stay_page(request, _stay(stay_id))


ACTIONS = {
    "check-in": (services.stay_check_in, gettext_lazy("Checked in.")),
    "check-out": (services.stay_check_out, gettext_lazy("Checked out.")),
    "no-show": (services.stay_no_show, gettext_lazy("Recorded as a no-show.")),
    "cancel": (services.stay_cancel, gettext_lazy("The stay is cancelled.")),
    "review-clear": (services.stay_review_clear, gettext_lazy("The flag is cleared.")),
}


@staff_required
@require_POST
def stay_action(request, stay_id: int, action: str):
    if action not in ACTIONS:
        raise Http404
    stay = _stay(stay_id)
    service, done = ACTIONS[action]
    try:
        service(stay=stay, actor=request.user)
    except services.LodgingError as error:
        messages.error(request, error.message)
        return _stay_page(request, _stay(stay_id), status=409)
    messages.success(request, done)
    return _back(request, stay)


def _back(request, stay):
    """Back to the front desk when the action came from there."""
    if request.POST.get("from") == "front-desk":
        return redirect(
            f"{_url('lodging:front-desk')}?date={request.POST.get('date', '')}"
        )
    return redirect("lodging:stay-manage", stay_id=stay.pk)


def _url(name):
    from django.urls import reverse

    return reverse(name)


@staff_required
@require_POST
def stay_bed_change_view(request, stay_id: int):
    stay = _stay(stay_id)
    form = BedChangeForm(request.POST, beds=bed_choices())
    if form.is_valid():
        try:
            services.stay_bed_change(
                stay=stay, bed=form.cleaned_data["bed"], actor=request.user
            )
        except services.LodgingError as error:
            form.add_error("bed", error.message)
        else:
            messages.success(request, _("The guest has a new bed."))
            return redirect("lodging:stay-manage", stay_id=stay.pk)
    return _stay_page(request, stay, status=400, bed_form=form)


@staff_required
@require_POST
def stay_nights_change_view(request, stay_id: int):
    stay = _stay(stay_id)
    form = NightsForm(request.POST)
    if form.is_valid():
        try:
            services.stay_nights_change(
                stay=stay, actor=request.user, **form.cleaned_data
            )
        except services.LodgingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The nights are changed."))
            return redirect("lodging:stay-manage", stay_id=stay.pk)
    return _stay_page(request, _stay(stay_id), status=400, nights_form=form)


@staff_required
@require_http_methods(["GET", "POST"])
def stay_new(request):
    form = GuestStayForm(request.POST or None, initial=request.GET or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                stay = services.stay_book_for_guest(
                    actor=request.user,
                    kind=data["kind"],
                    guest=data["guest"],
                    guest_name=data["guest_name"],
                    guest_phone=data["guest_phone"],
                    run=data["run"],
                    room_policy=data["room_policy"],
                    needs_accessible=data["needs_accessible"],
                    check_in=data["check_in"],
                    check_out=data["check_out"],
                    bed=data["bed"],
                    staff_note=data["staff_note"],
                )
            except services.LodgingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The stay is booked."))
                return redirect("lodging:stay-manage", stay_id=stay.pk)
        status = 400
    return render(
        request,
        "lodging/staff/stay_new.html",
        {"form": form, "section": "stays"},
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def out_of_service_new(request):
    form = OutOfServiceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.out_of_service_create(actor=request.user, **form.cleaned_data)
            except services.LodgingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The room is out of service for those nights.")
                )
                return redirect("lodging:occupancy")
        status = 400
    return render(
        request,
        "lodging/staff/out_of_service_new.html",
        {
            "form": form,
            "periods": OutOfService.objects.filter(ends_on__gt=timezone.localdate())
            .select_related("room__floor__building")
            .order_by("starts_on")[:100],
            "section": "occupancy",
        },
        status=status,
    )
