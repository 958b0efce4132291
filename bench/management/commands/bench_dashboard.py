"""A learner with many enrolments, for the dashboard benchmark.

`manage.py bench_dashboard --enrolments 200` gives bench-dashboard@bench.example
that many active enrolments, in as many extra runs spread over the demo's
Korean courses, with the first lesson of each course done. Its dashboard is
loaded beside learner@campus.example's few: the query counts must match.
The runs are unlisted (not published), as closed cohorts are: the dashboard
lists them all the same, and the catalog and course pages that other
scenarios time keep the demo's dates. Running it again changes nothing.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage, LessonPage
from lms.accounts.models import User
from lms.learning.models import CourseRun, Enrollment, EnrollmentStatus, LessonProgress

EMAIL = "bench-dashboard@bench.example"


class Command(BaseCommand):
    help = "Create a learner with many enrolments (scale data)."

    def add_arguments(self, parser):
        parser.add_argument("--enrolments", type=int, default=200)

    @transaction.atomic
    def handle(self, *args, enrolments: int, **options):
        if User.objects.filter(email=EMAIL).exists():
            self.stdout.write(f"{EMAIL} exists")
            return
        learner = User.objects.create_user(EMAIL, None, name_ko="대시보드")
        courses = list(
            CoursePage.objects.live()
            .filter(locale__language_code="ko")
            .exclude(slug__startswith="bench-")
            .order_by("pk")
        )
        today = timezone.localdate()
        runs = CourseRun.objects.bulk_create(
            CourseRun(
                course=courses[n % len(courses)],
                title=f"벤치마크 {n}",
                starts_on=today + dt.timedelta(days=n % 60),
                ends_on=today + dt.timedelta(days=60 + n % 60),
                seats_taken=1,
                is_published=False,
            )
            for n in range(enrolments)
        )
        Enrollment.objects.bulk_create(
            Enrollment(learner=learner, run=run, status=EnrollmentStatus.ACTIVE)
            for run in runs
        )
        now = timezone.now()
        for course in courses:
            lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
            if lesson is not None:
                LessonProgress.objects.create(
                    learner=learner, lesson=lesson, course=course, completed_at=now
                )
        self.stdout.write(f"{EMAIL}: {enrolments} enrolments")
