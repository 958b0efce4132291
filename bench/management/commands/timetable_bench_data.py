"""Rooms and a busy week for the benchmarks: `manage.py timetable_bench_data`.

Makes a building `bench` with 60 rooms, each with three daily series this week
(Monday to Friday, 09–11, 13–15, 16–18), taught by 60 instructors: 900
meetings, written through the services like any other booking. Public
holidays of the week are taken out of the series. Safe to run again.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from lms.accounts.models import User
from lms.timetable.models import BlackoutDate, Building, LectureSession, Room
from lms.timetable.services import session_create

ROOMS = 60
SLOTS = [(9, 11), (13, 15), (16, 18)]


class Command(BaseCommand):
    help = "Create 60 rooms with 900 meetings this week for bench/scenarios.py."

    @transaction.atomic
    def handle(self, *args, **options):
        building, _ = Building.objects.get_or_create(
            code="bench", defaults={"name": "벤치마크동", "name_en": "Bench building"}
        )
        today = timezone.localdate()
        monday = today - dt.timedelta(days=today.weekday())
        week = [monday + dt.timedelta(days=n) for n in range(5)]
        holidays = set(
            BlackoutDate.objects.filter(date__in=week).values_list("date", flat=True)
        )
        zone = timezone.get_default_timezone()
        made = 0
        for number in range(ROOMS):
            room, _ = Room.objects.get_or_create(
                building=building,
                code=f"b{number:02d}",
                defaults={
                    "name": f"벤치 강의실 {number:02d}",
                    "name_en": f"Bench room {number:02d}",
                    "capacity": 20 + number % 30,
                    "sort_order": number,
                },
            )
            instructor, _ = User.objects.get_or_create(
                email=f"bench-instructor-{number:02d}@campus.example",
                defaults={"name_ko": f"벤치 강사 {number:02d}"},
            )
            for start, end in SLOTS:
                title = f"벤치 세션 {number:02d}-{start:02d}"
                if LectureSession.objects.filter(room=room, title=title).exists():
                    continue
                session_create(
                    kind="event",
                    room=room,
                    title=title,
                    organiser="bench",
                    starts_at=dt.datetime.combine(monday, dt.time(start), tzinfo=zone),
                    ends_at=dt.datetime.combine(monday, dt.time(end), tzinfo=zone),
                    rrule="FREQ=DAILY;COUNT=5",
                    excluded_dates=sorted(holidays),
                    instructors=[instructor],
                )
                made += 1
        self.stdout.write(f"bench: {made} series in {ROOMS} rooms of {building.code}")
