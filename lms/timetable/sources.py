"""Calendar entries from the timetable and from learning, for the feeds.

`session_entries` and `deadline_entries` are registered with
`lms.core.calendar` in `TimetableConfig.ready()`, so the personal feed shows a
person's lecture sessions (as learner of an active or completed enrolment, and
as instructor) and their assignment deadlines (with their own extension, if
one was granted). Each runs a fixed number of queries.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.calendar import CalendarEntry
from lms.learning.models import SEAT_HOLDING, AssignmentExtension, Enrollment

from .models import LectureSession, SessionOccurrence, SessionStatus

# sequence numbers derived from a moment count seconds from here
SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
PUBLIC_FEED_HISTORY = dt.timedelta(days=365)


def _feed_sessions(sessions):
    return sessions.select_related("room__building", "run__course").prefetch_related(
        "instructors",
        Prefetch(
            "occurrences",
            queryset=SessionOccurrence.objects.filter(is_excluded=True).order_by(
                "starts_at"
            ),
            to_attr="excluded_occurrences",
        ),
    )


def session_location(session: LectureSession) -> str:
    room = session.room
    if room.is_online:
        return room.online_url or str(room)
    if room.building.address:
        return f"{room}, {room.building.address}"
    return str(room)


def _exdates(session: LectureSession) -> tuple:
    excluded = getattr(session, "excluded_occurrences", None)
    if excluded is None:  # from session_queryset(): every occurrence, prefetched
        excluded = [o for o in session.occurrences.all() if o.is_excluded]
    return tuple(o.starts_at for o in excluded)


def session_entry(session: LectureSession) -> CalendarEntry:
    """The VEVENT of a session: the whole series, its excluded meetings as EXDATE."""
    lines = []
    if session.run_id:
        lines.append(f"{session.run.course.title} · {session.run.title}")
    elif session.organiser:
        lines.append(_("Organiser: %(name)s") % {"name": session.organiser})
    instructors = [person.display_name for person in session.instructors.all()]
    if instructors:
        lines.append(_("Instructors: %(names)s") % {"names": ", ".join(instructors)})
    if session.room.is_online and session.room.online_url:
        lines.append(_("Video link: %(url)s") % {"url": session.room.online_url})
    if session.is_cancelled and session.cancel_reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": session.cancel_reason})
    if session.description:
        lines.append(session.description)
    url = settings.SITE_URL + reverse("timetable:session", args=[session.pk])
    lines.append(url)
    return CalendarEntry(
        uid=session.uid,
        summary=session.title,
        start=session.starts_at,
        end=session.ends_at,
        description="\n".join(lines),
        location=session_location(session),
        url=url,
        status="CANCELLED"
        if session.status == SessionStatus.CANCELLED
        else "CONFIRMED",
        sequence=session.sequence,
        last_modified=session.updated_at,
        rrule=session.rrule,
        exdates=_exdates(session) if session.rrule else (),
        categories=(_("Lecture") if session.run_id else _("Room booking"),),
    )


def session_entries(*, user) -> list[CalendarEntry]:
    """The user's sessions, as learner and as instructor. Three queries."""
    sessions = LectureSession.objects.filter(
        Q(run__enrollments__learner=user, run__enrollments__status__in=SEAT_HOLDING)
        | Q(instructors=user)
    ).distinct()
    return [
        session_entry(session)
        for session in _feed_sessions(sessions).order_by("starts_at", "pk")
    ]


def public_session_entries(*, run=None, room=None) -> list[CalendarEntry]:
    """A run's or a room's sessions of the last year and to come. Three queries."""
    sessions = LectureSession.objects.annotate(last_end=Max("occurrences__ends_at"))
    sessions = sessions.filter(last_end__gte=timezone.now() - PUBLIC_FEED_HISTORY)
    if run is not None:
        sessions = sessions.filter(run=run)
    if room is not None:
        sessions = sessions.filter(room=room)
    return [
        session_entry(session)
        for session in _feed_sessions(sessions).order_by("starts_at", "pk")
    ]


def _sequence(moment: dt.datetime | None) -> int:
    if moment is None:
        return 0
    return max(int((moment - SEQUENCE_EPOCH).total_seconds()), 0)


def deadline_entries(*, user) -> list[CalendarEntry]:
    """Due dates of the assignments in the user's courses (active or completed
    enrolments), moved by the user's extension where there is one. The
    SEQUENCE follows the last publication of the page or the extension.
    Three queries (four when Wagtail's site root paths are not cached).
    """
    from courses.models import AssignmentPage

    courses = {
        enrollment.run.course_id: enrollment.run.course
        for enrollment in Enrollment.objects.filter(
            learner=user, status__in=SEAT_HOLDING
        ).select_related("run__course")
    }
    if not courses:
        return []
    under = Q()
    for course in courses.values():
        under |= Q(path__startswith=course.path)
    assignments = list(
        AssignmentPage.objects.live()
        .filter(under, due_at__isnull=False)
        .defer_streamfields()
        .order_by("due_at", "pk")
    )
    extensions = {
        extension.assignment_id: extension
        for extension in AssignmentExtension.objects.filter(
            learner=user, assignment__in=[page.pk for page in assignments]
        )
    }
    course_by_path = {course.path: course for course in courses.values()}
    steplen = AssignmentPage.steplen
    entries = []
    for page in assignments:
        extension = extensions.get(page.pk)
        due = extension.due_at if extension else page.due_at
        changed = page.last_published_at
        if extension and (changed is None or extension.granted_at > changed):
            changed = extension.granted_at
        course = next(
            (
                course_by_path[page.path[:length]]
                for length in range(steplen, len(page.path), steplen)
                if page.path[:length] in course_by_path
            ),
            None,
        )
        url = page.get_full_url() or ""
        description = _("Assignment due") + (f" · {course.title}" if course else "")
        if extension:
            description += "\n" + _("Your extended due date.")
        entries.append(
            CalendarEntry(
                uid=f"assignment-{page.pk}-user-{user.pk}@campus",
                summary=_("Due: %(title)s") % {"title": page.title},
                start=due,
                end=due,
                description=f"{description}\n{url}".strip(),
                url=url,
                sequence=_sequence(changed),
                last_modified=changed,
                categories=(_("Deadline"),),
            )
        )
    return entries
