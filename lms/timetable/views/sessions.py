"""Sessions as learners and instructors see them, and the personal calendar."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.core.site_url import absolute_url
from lms.learning.models import CourseRun
from lms.learning.selectors import run_in_language

from ..links import calendar_links
from ..models import Room
from ..permissions import (
    learner_enrolled,
    session_manage_allowed,
    session_view_allowed,
    timetable_view_allowed,
)
from ..selectors import meetings_upcoming_for, run_schedule, session_queryset
from ..services import feed_token_for, feed_token_rotate


def _absolute(request, path: str) -> str:
    return absolute_url(path, request)


@require_GET
def session_detail(request, session_id: int):
    session = get_object_or_404(session_queryset(), pk=session_id)
    if not session_view_allowed(user=request.user, session=session):
        raise Http404
    can_manage = session_manage_allowed(user=request.user, session=session)
    run_in_language(session.run)
    ics = reverse("timetable-feeds:session", args=[session.pk])
    return render(
        request,
        "timetable/session_detail.html",
        {
            "session": session,
            "meetings": list(session.occurrences.all()),
            "can_manage": can_manage,
            "is_staff": timetable_view_allowed(user=request.user),
            "enrolled": learner_enrolled(user=request.user, run_id=session.run_id),
            "links": calendar_links(session),
            "ics_url": ics,
            "now": timezone.now(),
        },
    )


@require_GET
def run_schedule_view(request, run_id: int):
    run = get_object_or_404(
        CourseRun.objects.published().select_related("course"), pk=run_id
    )
    feed = _absolute(request, reverse("timetable-feeds:run", args=[run.pk]))
    return render(
        request,
        "timetable/run_schedule.html",
        {
            "sessions": run_schedule(run=run),
            "run": run_in_language(run),
            "feed_url": feed,
            "webcal_url": "webcal://" + feed.split("://", 1)[1],
        },
    )


@require_GET
def room_detail(request, room_id: int):
    room = get_object_or_404(
        Room.objects.active()
        .select_related("building", "photo", "building__photo")
        .prefetch_related("equipment"),
        pk=room_id,
    )
    feed = _absolute(request, reverse("timetable-feeds:room", args=[room.pk]))
    return render(
        request,
        "timetable/room_detail.html",
        {
            "room": room,
            "feed_url": feed,
            "webcal_url": "webcal://" + feed.split("://", 1)[1],
        },
    )


@login_required
@require_GET
def my_calendar(request):
    token = feed_token_for(user=request.user)
    feed = _absolute(request, reverse("timetable-feeds:personal", args=[token.token]))
    return render(
        request,
        "timetable/my_calendar.html",
        {
            "meetings": meetings_upcoming_for(user=request.user),
            "feed_url": feed,
            "webcal_url": "webcal://" + feed.split("://", 1)[1],
            "token": token,
        },
    )


@login_required
@require_POST
def feed_rotate(request):
    feed_token_rotate(user=request.user)
    messages.success(
        request,
        _("Your calendar address is new; the old one no longer works."),
    )
    return redirect("timetable:my-calendar")
