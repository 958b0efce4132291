"""Learners and a quiz they may take again and again, for the quiz benchmark.

`manage.py bench_quiz --learners 16` enrols bench-quiz-N@bench.example (N from
1) in the running demo run of the start-up course and adds to its first module
the quiz `bench-quiz`: the demo quiz's questions, no attempt limit, no time
limit. Each wrk connection signs in as one of these learners, so that no two
connections share an open attempt. Running it again changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from courses.models import CourseModulePage, CoursePage, QuizPage, QuizPageQuestion
from lms.accounts.models import User
from lms.learning.models import CourseRun
from lms.learning.services import enrollment_create

COURSE = "social-enterprise-startup-basics"
DEMO_QUIZ = "quiz-what-is-a-social-enterprise"


class Command(BaseCommand):
    help = "Create learners and an unlimited quiz for the quiz benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=16)

    @transaction.atomic
    def handle(self, *args, learners: int, **options):
        course = CoursePage.objects.get(slug=COURSE, locale__language_code="ko")
        module = CourseModulePage.objects.child_of(course).order_by("path").first()
        quiz = QuizPage.objects.child_of(module).filter(slug="bench-quiz").first()
        if quiz is None:
            demo = QuizPage.objects.get(slug=DEMO_QUIZ, locale=course.locale)
            quiz = QuizPage(
                title="벤치마크 퀴즈",
                slug="bench-quiz",
                grade_category="quiz",
                attempts_allowed=0,
                is_required=False,
                quiz_questions=[
                    QuizPageQuestion(question=link.question, sort_order=link.sort_order)
                    for link in demo.quiz_questions.all()
                ],
            )
            module.add_child(instance=quiz)
        run = CourseRun.objects.filter(course=course).order_by("starts_on").first()
        staff = User.objects.get(email="staff@campus.example")
        for n in range(1, learners + 1):
            email = f"bench-quiz-{n}@bench.example"
            learner = User.objects.filter(email=email).first() or (
                User.objects.create_user(email, None, name_ko=f"퀴즈{n}")
            )
            enrollment_create(learner=learner, run=run, actor=staff, source="csv")
        self.stdout.write(f"bench-quiz {quiz.pk}: {learners} learners in run {run.pk}")
