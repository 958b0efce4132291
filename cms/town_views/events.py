"""The events calendar, the public events feed and registration."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..calendar import events_calendar_render
from ..event_models import EventPage
from ..hours import local_zone
from ..selectors import event_occurrences_between, event_pages
from ..services.events import EventError, event_register, event_unregister


def _month(request) -> dt.date:
    today = timezone.now().astimezone(local_zone()).date()
    try:
        return dt.date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        return today.replace(day=1)


@require_GET
def events_calendar(request):
    """A month of the town's events, day by day, changed dates marked."""
    month = _month(request)
    zone = local_zone()
    start = dt.datetime.combine(month, dt.time(0), tzinfo=zone)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    end = dt.datetime.combine(following, dt.time(0), tzinfo=zone)
    occurrences = event_occurrences_between(start=start, end=end)
    days: dict[dt.date, list] = {}
    for occurrence in occurrences:
        days.setdefault(occurrence.starts_at.astimezone(zone).date(), []).append(
            occurrence
        )
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "cms/town/events_calendar.html",
        {
            "month": month,
            "days": sorted(days.items()),
            "previous_month": previous.strftime("%Y-%m"),
            "next_month": following.strftime("%Y-%m"),
        },
    )


@require_GET
def events_feed(request):
    """Every live event (Korean pages, or English with ?lang=en) as iCalendar."""
    language = "en" if request.GET.get("lang") == "en" else "ko"
    body = events_calendar_render(
        pages=list(event_pages(language=language)),
        name=_("Innovation Town events"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="town-events.ics"'
    return response


@login_required
@require_POST
def event_register_view(request, page_id: int):
    page = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    occurrence_date = None
    if request.POST.get("date"):
        try:
            occurrence_date = dt.date.fromisoformat(request.POST["date"])
        except ValueError:
            return HttpResponseBadRequest(_("The date is not a valid date."))
    try:
        if request.POST.get("action") == "cancel":
            if event_unregister(
                page=page, user=request.user, occurrence_date=occurrence_date
            ):
                messages.success(request, _("Your registration is cancelled."))
        else:
            registration = event_register(
                page=page, user=request.user, occurrence_date=occurrence_date
            )
            if registration.status == "confirmed":
                messages.success(request, _("You are registered."))
            else:
                messages.success(
                    request, _("The event is full: you are on the waitlist.")
                )
    except EventError as error:
        messages.error(request, error.message)
    return redirect(page.url)
