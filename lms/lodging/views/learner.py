"""A learner's lodging: book a bed for a residential run, confirm it, see the stay."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.learning.models import Enrollment, EnrollmentStatus
from lms.learning.permissions import is_center_staff
from lms.learning.selectors import run_in_language

from ..forms import HoldForm
from ..models import Stay, StayStatus
from ..selectors import my_lodging, stay_last_preferences, stay_nights_propose
from ..services import (
    LodgingError,
    hold_minutes,
    stay_cancel,
    stay_confirm,
    stay_hold,
)


def _own_stay(request, stay_id: int) -> Stay:
    """The visitor's own stay; anyone else's is not found (staff use their pages)."""
    stay = get_object_or_404(
        Stay.objects.select_related(
            "bed__room__floor__building", "run__course", "guest"
        ).prefetch_related("bed__room__amenities"),
        pk=stay_id,
    )
    if stay.guest_id != request.user.pk:
        raise Http404
    return stay


def _refused(request, stay: Stay, error: LodgingError):
    """The stay page again, with why the action was refused: 409, nothing changed."""
    messages.error(request, error.message)
    stay.refresh_from_db()
    run_in_language(stay.run)
    return render(request, "lodging/stay_detail.html", {"stay": stay}, status=409)


@login_required
@require_GET
def my_stays(request):
    return render(
        request,
        "lodging/my_stays.html",
        {
            "lodging": my_lodging(user=request.user),
            "is_staff": is_center_staff(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stay_hold_view(request, enrollment_id: int):
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("run__course"),
        pk=enrollment_id,
        learner=request.user,
        status=EnrollmentStatus.ACTIVE,
        run__is_residential=True,
    )
    existing = Stay.objects.filter(
        enrollment=enrollment,
        status__in=(StayStatus.WAITLISTED, StayStatus.HELD, StayStatus.CONFIRMED),
    ).first()
    if existing is not None and existing.effective_status != StayStatus.EXPIRED:
        return redirect(existing)
    nights = stay_nights_propose(run=enrollment.run)
    if nights is None:
        raise Http404(_("This run has no dates yet."))
    initial = {
        "room_policy": "",
        "check_in": nights[0],
        "check_out": nights[1],
        **stay_last_preferences(user=request.user),
    }
    form = HoldForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                stay = stay_hold(enrollment=enrollment, **form.cleaned_data)
            except LodgingError as error:
                form.add_error(None, error.message)
            else:
                if stay.status == StayStatus.HELD:
                    messages.success(
                        request,
                        _("A bed is held for you. Confirm it before the hold expires."),
                    )
                elif stay.status == StayStatus.WAITLISTED:
                    messages.warning(
                        request,
                        _(
                            "No suitable bed is free for these nights; you are on "
                            "the waitlist and will hear from us when one is."
                        ),
                    )
                return redirect(stay)
        status = 400
    return render(
        request,
        "lodging/stay_hold.html",
        {
            "enrollment": enrollment,
            "run": run_in_language(enrollment.run),
            "nights": nights,
            "form": form,
            "hold_minutes": hold_minutes(),
        },
        status=status,
    )


@login_required
@require_GET
def stay_detail(request, stay_id: int):
    stay = _own_stay(request, stay_id)
    run_in_language(stay.run)
    return render(request, "lodging/stay_detail.html", {"stay": stay})


@login_required
@require_POST
def stay_confirm_view(request, stay_id: int):
    stay = _own_stay(request, stay_id)
    try:
        stay_confirm(stay=stay)
    except LodgingError as error:
        return _refused(request, stay, error)
    messages.success(request, _("Your stay is confirmed. See you soon!"))
    return redirect(stay)


@login_required
@require_POST
def stay_cancel_view(request, stay_id: int):
    stay = _own_stay(request, stay_id)
    try:
        stay_cancel(stay=stay, actor=request.user)
    except LodgingError as error:
        return _refused(request, stay, error)
    messages.success(request, _("Your stay has been cancelled."))
    return redirect("lodging:my-stays")
