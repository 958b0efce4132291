"""A personal calendar feed of 500 events: Campus against icalendar alone.

    DJANGO_SETTINGS_MODULE=lms.settings.test .venv/bin/python bench/feeds.py

Builds a throwaway test database (SQLite in memory, or PostgreSQL when
DATABASE_URL says so), with one learner enrolled in 25 runs of 20 sessions
each: 500 VEVENTs, half of them weekly series with an excluded meeting
(EXDATE), every one with a room, a building and an instructor. Then it times,
alternating, `ROUNDS` times each:

- **campus**: `GET /calendar/<token>.ics` through Django's test client: the
  middleware, the view, the calendar registry with both sources (sessions and
  assignment deadlines), the renderer, ETag and Last-Modified;
- **icalendar alone**: the same rows read with three plain `.values()`
  queries and the same VEVENTs (UID, times in Asia/Seoul with a VTIMEZONE,
  SEQUENCE, STATUS, RRULE, EXDATE, LOCATION, DESCRIPTION, URL, CATEGORIES)
  built with icalendar directly, no registry, no view.

It prints the medians and their ratio, and exits 1 when the ratio is above
`LIMIT` (1.5). Run it under the bench lock: it loads the machine.
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_test_environment,
    teardown_test_environment,
)

EVENTS = 500
RUNS = 25
ROUNDS = int(os.environ.get("BENCH_FEED_ROUNDS", "30"))
LIMIT = 1.5


def build() -> str:
    """The learner's feed URL, after writing the rows."""
    from courses.models import CourseIndexPage
    from lms.learning.models import CourseRun, Enrollment
    from lms.timetable.models import (
        Building,
        LectureSession,
        Room,
        SessionOccurrence,
    )
    from lms.timetable.services import feed_token_for
    from tests.factories import UserFactory, course_tree_create, site_home_create

    index = CourseIndexPage(title="교육과정", slug="courses")
    site_home_create().add_child(instance=index)
    course = course_tree_create(index=index, modules=1, lessons=1)
    learner = UserFactory()
    instructor = UserFactory()
    building = Building.objects.create(
        code="bench", name="강의동", address="전주시 완산구 혁신타운로 12"
    )
    rooms = [
        Room.objects.create(
            building=building, code=f"r{n}", name=f"세미나실 {n}", capacity=30
        )
        for n in range(10)
    ]
    runs = CourseRun.objects.bulk_create(
        CourseRun(course=course, title=f"{n}기") for n in range(RUNS)
    )
    Enrollment.objects.bulk_create(
        Enrollment(learner=learner, run=run, status="active") for run in runs
    )
    zone = dt.timezone(dt.timedelta(hours=9))
    start = dt.datetime(2031, 3, 3, 9, tzinfo=zone)
    sessions = []
    for n in range(EVENTS):
        begins = start + dt.timedelta(days=n // 4, hours=2 * (n % 4))
        sessions.append(
            LectureSession(
                run=runs[n % RUNS],
                title=f"사회적경제 세션 {n}",
                description="조별 실습과 사례 발표",
                room=rooms[n % len(rooms)],
                starts_at=begins,
                ends_at=begins + dt.timedelta(hours=2),
                rrule="FREQ=WEEKLY;COUNT=4" if n % 2 else "",
                sequence=n % 3,
            )
        )
    sessions = LectureSession.objects.bulk_create(sessions)
    LectureSession.instructors.through.objects.bulk_create(
        LectureSession.instructors.through(
            lecturesession_id=s.pk, user_id=instructor.pk
        )
        for s in sessions
    )
    SessionOccurrence.objects.bulk_create(
        SessionOccurrence(
            session=s,
            index=1,
            starts_at=s.starts_at + dt.timedelta(days=7),
            ends_at=s.ends_at + dt.timedelta(days=7),
            room_id=s.room_id,
            run_id=s.run_id,
            is_excluded=True,
            is_active=False,
        )
        for s in sessions
        if s.rrule
    )
    return f"/calendar/{feed_token_for(user=learner).token}.ics", learner


_VTIMEZONE = []


def icalendar_alone(user) -> bytes:
    """The same feed from the same rows, with icalendar and nothing of Campus.

    The VTIMEZONE is built once, as Campus builds it once per process."""
    from zoneinfo import ZoneInfo

    from django.db.models import Q
    from icalendar import Calendar, Event, Timezone
    from icalendar.prop import vRecur

    from lms.timetable.models import LectureSession, SessionOccurrence

    seoul = ZoneInfo(settings.TIME_ZONE)
    rows = list(
        LectureSession.objects.filter(
            Q(
                run__enrollments__learner=user,
                run__enrollments__status__in=["active", "completed"],
            )
            | Q(instructors=user)
        )
        .distinct()
        .order_by("starts_at", "pk")
        .values(
            "pk",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "rrule",
            "status",
            "sequence",
            "updated_at",
            "run_id",
            "run__title_ko",
            "run__course__title",
            "room__name",
            "room__building__name",
            "room__building__address",
        )
    )
    ids = [row["pk"] for row in rows]
    teachers: dict[int, list[str]] = {}
    for session_id, name in LectureSession.instructors.through.objects.filter(
        lecturesession_id__in=ids
    ).values_list("lecturesession_id", "user__name_ko"):
        teachers.setdefault(session_id, []).append(name)
    excluded: dict[int, list] = {}
    for session_id, starts in SessionOccurrence.objects.filter(
        session_id__in=ids, is_excluded=True
    ).values_list("session_id", "starts_at"):
        excluded.setdefault(session_id, []).append(starts)
    calendar = Calendar()
    calendar.add("prodid", "-//bench//KO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "bench")
    if not _VTIMEZONE:
        _VTIMEZONE.append(Timezone.from_tzinfo(seoul))
    calendar.add_component(_VTIMEZONE[0])
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for row in rows:
        event = Event()
        event.add("uid", f"session-{row['pk']}@campus")
        event.add("dtstamp", stamp)
        event.add("dtstart", row["starts_at"].astimezone(seoul))
        event.add("dtend", row["ends_at"].astimezone(seoul))
        event.add("summary", row["title"])
        event.add("sequence", row["sequence"])
        event.add("status", "CONFIRMED")
        event.add("last-modified", row["updated_at"])
        url = f"{settings.SITE_URL}/timetable/sessions/{row['pk']}/"
        event.add(
            "description",
            "\n".join(
                [
                    f"{row['run__course__title']} · {row['run__title_ko']}",
                    "강사: " + ", ".join(teachers.get(row["pk"], [])),
                    row["description"],
                    url,
                ]
            ),
        )
        event.add(
            "location",
            f"{row['room__building__name']} {row['room__name']}, "
            f"{row['room__building__address']}",
        )
        event.add("url", url)
        event.add("categories", ["강의"])
        if row["rrule"]:
            event.add("rrule", vRecur.from_ical(row["rrule"]))
            event.add(
                "exdate", [d.astimezone(seoul) for d in excluded.get(row["pk"], [])]
            )
        calendar.add_component(event)
    return calendar.to_ical()


def timed(work) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def main() -> int:
    from django.test import Client

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        url, learner = build()
        client = Client()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        ours = response.content.count(b"BEGIN:VEVENT")
        theirs = icalendar_alone(learner).count(b"BEGIN:VEVENT")
        assert ours == theirs == EVENTS, (ours, theirs)
        campus, alone = [], []
        for _ in range(ROUNDS):
            campus.append(timed(lambda: client.get(url)))
            alone.append(timed(lambda: icalendar_alone(learner)))
        c, a = statistics.median(campus), statistics.median(alone)
        ratio = c / a
        print(f"database: {connection.vendor}; {EVENTS} events; {ROUNDS} rounds each")
        print(f"campus feed (GET through Django): median {c * 1000:.1f} ms")
        print(f"icalendar alone (same rows):      median {a * 1000:.1f} ms")
        print(f"ratio: {ratio:.2f} (limit {LIMIT})")
        return 0 if ratio <= LIMIT else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    sys.exit(main())
