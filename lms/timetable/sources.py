"""Calendar entries from the timetable and from learning, for the feeds.

`session_entries` and `deadline_entries` are registered for the Wagtail hook
`calendar_entries` (`lms.core.calendar`) in `wagtail_hooks.py`, so the personal
feed shows a person's lecture sessions (as learner of an active or completed
enrolment, and as instructor) and their assignment deadlines (with their own
extension, if one was granted). Each runs a fixed number of queries.
"""

import datetime as dt

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.translations import page_title_expression, pages_in_language
from lms.accounts.models import User
from lms.core.calendar import CalendarEntry
from lms.core.site_url import absolute_url
from lms.learning.models import (
    SEAT_HOLDING,
    AssignmentExtension,
    Enrollment,
    run_title_expression,
)
from lms.learning.selectors import course_in_language

from .models import LectureSession, Room, SessionOccurrence, SessionStatus

# sequence numbers derived from a moment count seconds from here
SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
PUBLIC_FEED_HISTORY = dt.timedelta(days=365)


def _feed_sessions(sessions):
    """Sessions with what `session_entry` reads, for one session or a few."""
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


def session_location(room: Room) -> str:
    if room.is_online:
        return room.online_url or str(room)
    if room.building.address:
        return f"{room}, {room.building.address}"
    return str(room)


def _session_url_template() -> str:
    """The session page's absolute URL with `{}` for the id: one reverse() per
    feed instead of one per event."""
    marker = 987654321
    url = reverse("timetable:session", args=[marker])
    return absolute_url(url.replace(str(marker), "{}"))


def _entry(
    session: LectureSession,
    *,
    room: Room,
    course_title: str | None,
    run_title: str | None,
    instructors: list[str],
    exdates: tuple,
    url_template: str,
) -> CalendarEntry:
    """The VEVENT of a session: the whole series, its excluded meetings as EXDATE."""
    lines = []
    if session.run_id:
        lines.append(f"{course_title} · {run_title}")
    elif session.organiser:
        lines.append(_("Organiser: %(name)s") % {"name": session.organiser})
    if instructors:
        lines.append(_("Instructors: %(names)s") % {"names": ", ".join(instructors)})
    if room.is_online and room.online_url:
        lines.append(_("Video link: %(url)s") % {"url": room.online_url})
    cancelled = session.status == SessionStatus.CANCELLED
    if cancelled and session.cancel_reason:
        lines.append(_("Cancelled: %(reason)s") % {"reason": session.cancel_reason})
    if session.description:
        lines.append(session.description)
    url = url_template.format(session.pk)
    lines.append(url)
    return CalendarEntry(
        uid=session.uid,
        summary=session.title,
        start=session.starts_at,
        end=session.ends_at,
        description="\n".join(lines),
        location=session_location(room),
        url=url,
        status="CANCELLED" if cancelled else "CONFIRMED",
        sequence=session.sequence,
        last_modified=session.updated_at,
        rrule=session.rrule,
        exdates=exdates if session.rrule else (),
        categories=(_("Lecture") if session.run_id else _("Room booking"),),
    )


def session_entry(session: LectureSession) -> CalendarEntry:
    """One session's entry, from a session loaded with `_feed_sessions` or
    `selectors.session_queryset` (its excluded meetings prefetched)."""
    excluded = getattr(session, "excluded_occurrences", None)
    if excluded is None:  # session_queryset(): every occurrence, prefetched
        excluded = [o for o in session.occurrences.all() if o.is_excluded]
    return _entry(
        session,
        room=session.room,
        course_title=(
            course_in_language(session.run.course).title if session.run_id else None
        ),
        run_title=session.run.title if session.run_id else None,
        instructors=[person.display_name for person in session.instructors.all()],
        exdates=tuple(o.starts_at for o in excluded),
        url_template=_session_url_template(),
    )


def entries_for_sessions(sessions) -> list[CalendarEntry]:
    """Entries for many sessions in five queries, reading only what a VEVENT
    says: a feed of hundreds of sessions would otherwise build as many course
    pages, rooms and users as it has rows."""
    sessions = list(
        sessions.annotate(
            feed_course_title=page_title_expression("run__course"),
            feed_run_title=run_title_expression("run__"),
        ).order_by("starts_at", "pk")
    )
    if not sessions:
        return []
    ids = [session.pk for session in sessions]
    rooms = {
        room.pk: room
        for room in Room.objects.filter(
            pk__in={session.room_id for session in sessions}
        ).select_related("building")
    }
    links = list(
        LectureSession.instructors.through.objects.filter(
            lecturesession_id__in=ids
        ).values_list("lecturesession_id", "user_id")
    )
    names = {
        person.pk: person.display_name
        for person in User.objects.filter(
            pk__in={user_id for _session, user_id in links}
        ).only("name_ko", "name_en", "email")
    }
    teachers: dict[int, list[str]] = {}
    for session_id, user_id in links:
        teachers.setdefault(session_id, []).append(names[user_id])
    excluded: dict[int, list] = {}
    for session_id, starts_at in (
        SessionOccurrence.objects.filter(session_id__in=ids, is_excluded=True)
        .order_by("starts_at")
        .values_list("session_id", "starts_at")
    ):
        excluded.setdefault(session_id, []).append(starts_at)
    url_template = _session_url_template()
    return [
        _entry(
            session,
            room=rooms[session.room_id],
            course_title=session.feed_course_title,
            run_title=session.feed_run_title,
            instructors=teachers.get(session.pk, []),
            exdates=tuple(excluded.get(session.pk, ())),
            url_template=url_template,
        )
        for session in sessions
    ]


def session_entries(*, user) -> list[CalendarEntry]:
    """The user's sessions, as learner and as instructor. Five queries."""
    ids = LectureSession.objects.filter(
        Q(run__enrollments__learner=user, run__enrollments__status__in=SEAT_HOLDING)
        | Q(instructors=user)
    ).values("pk")
    return entries_for_sessions(LectureSession.objects.filter(pk__in=ids))


def public_session_entries(*, run=None, room=None) -> list[CalendarEntry]:
    """A run's or a room's sessions of the last year and to come. Five queries."""
    recent = SessionOccurrence.objects.filter(
        ends_at__gte=timezone.now() - PUBLIC_FEED_HISTORY
    ).values("session_id")
    sessions = LectureSession.objects.filter(pk__in=recent)
    if run is not None:
        sessions = sessions.filter(run=run)
    if room is not None:
        sessions = sessions.filter(room=room)
    return entries_for_sessions(sessions)


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
    from courses.models import AssignmentPage, CoursePage

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
    # titles and links in the reader's language (one query each in another one)
    course_titles = pages_in_language(courses.values(), model=CoursePage)
    shown = pages_in_language(assignments, model=AssignmentPage)
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
        title = course_titles[course.translation_key].title if course else None
        localized = shown[page.translation_key]
        url = localized.get_full_url() or ""
        description = _("Assignment due") + (f" · {title}" if title else "")
        if extension:
            description += "\n" + _("Your extended due date.")
        entries.append(
            CalendarEntry(
                uid=f"assignment-{page.pk}-user-{user.pk}@campus",
                summary=_("Due: %(title)s") % {"title": localized.title},
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
