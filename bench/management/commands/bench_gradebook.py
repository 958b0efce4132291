"""A course run with many learners and graded items, for the gradebook benchmarks.

`manage.py bench_gradebook --learners 500 --items 30` adds, under the Korean
catalog, a course `bench-gradebook-500x30` taught by instructor@campus.example
with one module of `items` assessments (half quizzes, half assignments), one
run, `learners` active enrolments and a grade for every learner and item. Rows
are written in bulk: this is scale data, not a walk through the services.
Running it again with the same figures changes nothing.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from courses.models import (
    AssignmentPage,
    CourseIndexPage,
    CourseModulePage,
    CoursePage,
    CoursePageInstructor,
    QuizPage,
)
from lms.accounts.models import User
from lms.learning.models import (
    CourseRun,
    Enrollment,
    EnrollmentStatus,
    QuizAttempt,
    QuizAttemptStatus,
    Submission,
    SubmissionStatus,
)

BATCH = 2000


class Command(BaseCommand):
    help = "Create a course run with many learners and graded items (scale data)."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=500)
        parser.add_argument("--items", type=int, default=30)

    @transaction.atomic
    def handle(self, *args, learners: int, items: int, **options):
        slug = f"bench-gradebook-{learners}x{items}"
        catalog = CourseIndexPage.objects.get(
            slug="courses", locale__language_code="ko"
        )
        if CoursePage.objects.filter(slug=slug).exists():
            self.stdout.write(f"{slug} exists")
            return
        course = CoursePage(
            title=f"성적부 벤치마크 {learners}×{items}",
            slug=slug,
            summary="벤치마크용 과정",
            learning_mode="formal",
            delivery="online",
        )
        catalog.add_child(instance=course)
        CoursePageInstructor.objects.create(
            page=course, user=User.objects.get(email="instructor@campus.example")
        )
        module = CourseModulePage(title="모듈", slug="module")
        course.add_child(instance=module)
        quizzes, assignments = [], []
        for n in range(items):
            if n % 2:
                page = AssignmentPage(
                    title=f"과제 {n}",
                    slug=f"assignment-{n}",
                    grade_category="assignment",
                )
                assignments.append(page)
            else:
                page = QuizPage(
                    title=f"퀴즈 {n}", slug=f"quiz-{n}", grade_category="quiz"
                )
                quizzes.append(page)
            module.add_child(instance=page)
        run = CourseRun.objects.create(course=course, title="벤치마크 차수")
        prefix = f"bench-{learners}x{items}-"
        User.objects.bulk_create(
            (
                User(
                    email=f"{prefix}{n}@bench.example",
                    name_ko=f"학습자{n}",
                    password="!",
                )
                for n in range(learners)
            ),
            batch_size=BATCH,
        )
        users = list(User.objects.filter(email__startswith=prefix).order_by("pk"))
        Enrollment.objects.bulk_create(
            (
                Enrollment(learner=user, run=run, status=EnrollmentStatus.ACTIVE)
                for user in users
            ),
            batch_size=BATCH,
        )
        run.seats_taken = len(users)
        run.save(update_fields=["seats_taken"])
        now = timezone.now()
        QuizAttempt.objects.bulk_create(
            (
                QuizAttempt(
                    learner=user,
                    quiz=quiz,
                    number=1,
                    status=QuizAttemptStatus.SUBMITTED,
                    percent=Decimal((n * 7 + q * 13) % 101),
                    passed=(n * 7 + q * 13) % 101 >= 60,
                    submitted_at=now,
                )
                for n, user in enumerate(users)
                for q, quiz in enumerate(quizzes)
            ),
            batch_size=BATCH,
        )
        Submission.objects.bulk_create(
            (
                Submission(
                    learner=user,
                    assignment=assignment,
                    status=SubmissionStatus.GRADED,
                    score=Decimal((n * 3 + a * 11) % 101),
                    graded_at=now,
                )
                for n, user in enumerate(users)
                for a, assignment in enumerate(assignments)
            ),
            batch_size=BATCH,
        )
        self.stdout.write(f"{slug}: run {run.pk}, {len(users)} learners, {items} items")
