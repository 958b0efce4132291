"""iCalendar feeds: personal (secret token), per course run, per room, per session.

Feeds live at unprefixed URLs (a calendar client keeps the URL for years); the
language is the owner's for a personal feed and `?lang=` (Korean by default)
for the public ones. Responses carry an ETag and Last-Modified and answer a
conditional GET with 304.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lms.core.calendar import calendar_entries_for
from lms.learning.models import CourseRun
from lms.learning.selectors import course_in_language

from ..ical import calendar_render, entries_etag, entries_last_modified
from ..models import CalendarFeedToken, LectureSession, Room
from ..permissions import session_view_allowed
from ..sources import _feed_sessions, public_session_entries, session_entry

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _language(request) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _ics_response(request, *, entries, name, filename=None, private=False):
    etag = entries_etag(entries, name)
    last_modified = entries_last_modified(entries)
    if_none_match = request.headers.get("If-None-Match", "")
    if (
        etag in [tag.strip() for tag in if_none_match.split(",")]
        or if_none_match == "*"
    ):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(
            calendar_render(entries=entries, name=name), content_type=CONTENT_TYPE
        )
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = quote_etag(etag)
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # a personal feed is for its owner only: never in a shared cache
    response["Cache-Control"] = (
        "private, max-age=300" if private else "public, max-age=300"
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def personal_feed(request, token: str):
    """The owner's sessions and deadlines. An unknown, rotated or deactivated
    token is the same 404, which says nothing of whether the user exists."""
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    user = feed.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        entries = calendar_entries_for(user=user)
        name = _("Campus: %(name)s") % {"name": user.display_name}
        return _ics_response(request, entries=entries, name=name, private=True)


@require_safe
def run_feed(request, run_id: int):
    run = get_object_or_404(
        CourseRun.objects.published().select_related("course"), pk=run_id
    )
    with translation.override(_language(request)):
        entries = public_session_entries(run=run)
        name = f"{course_in_language(run.course).title} · {run.title}"
        return _ics_response(request, entries=entries, name=name)


@require_safe
def room_feed(request, room_id: int):
    room = get_object_or_404(
        Room.objects.active().select_related("building"), pk=room_id
    )
    with translation.override(_language(request)):
        entries = public_session_entries(room=room)
        return _ics_response(request, entries=entries, name=str(room))


@require_safe
def session_ics(request, session_id: int):
    """One session as an .ics download ('add to calendar')."""
    session = get_object_or_404(_feed_sessions(LectureSession.objects), pk=session_id)
    if not session_view_allowed(user=request.user, session=session):
        raise Http404
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        entries = [session_entry(session)]
        return _ics_response(
            request,
            entries=entries,
            name=session.title,
            filename=f"campus-session-{session.pk}.ics",
        )
