"""Migration 0004 merges the per-language twins of a run and loses nothing.

The test builds the old shape (a run per language version of a course page,
learners enrolled on both sides, progress and attempts on both languages'
pages, sessions, a stay and cohorts on the English twin), migrates with
Django's MigrationExecutor (as django-test-migrations does) and compares the
counts and every learner's state. It runs on SQLite and, with DATABASE_URL
set, on PostgreSQL.
"""

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from courses.models import LessonPage, QuizPage
from lms.community.models import Cohort, CohortMembership
from lms.learning.models import (
    CourseRun,
    Enrollment,
    LessonProgress,
    QuizAttempt,
)
from lms.lodging.models import Stay
from lms.timetable.models import LectureSession

from ..factories import (
    UserFactory,
    catalog_create,
    course_tree_create,
    translation_tree_create,
)
from ..factories.lodging import room_create, stay_create
from ..factories.timetable import RoomFactory, at, meeting_create

pytestmark = pytest.mark.django_db(transaction=True)

# before the run-per-course merge (back to 0003), then forward to the other
# 0004 (the request reason), which the current models carry
BACK = [("learning", "0003_completion_rules_range")]
BEFORE = [("learning", "0004_enrollment_request_reason")]
AFTER = [("learning", "0005_merge_run_per_course_and_request_reason")]
START, END = dt.date(2031, 3, 3), dt.date(2031, 3, 6)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_shape():
    """Pages first (their tables do not change), then learning back at 0003."""
    course = course_tree_create(index=catalog_create(), modules=1, lessons=2)
    module = course.get_children().get()
    module.add_child(
        instance=QuizPage(title="퀴즈", slug="quiz", grade_category="quiz")
    )
    english = translation_tree_create(course)
    _migrate(BACK)
    old = _migrate(BEFORE)
    try:
        yield {"course": course, "english": english, "apps": old}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def _state() -> dict:
    """Every learner's state, in terms that do not depend on which twin or which
    language's page a row points at."""
    learners = {}
    for row in Enrollment.objects.values(
        "learner__email", "status", "run__course__translation_key", "run__starts_on"
    ):
        learners.setdefault(row["learner__email"], {}).setdefault(
            "enrolments", Counter()
        )[
            (row["run__course__translation_key"], row["run__starts_on"], row["status"])
        ] += 1
    for row in LessonProgress.objects.filter(completed_at__isnull=False).values(
        "learner__email", "lesson__translation_key"
    ):
        learners.setdefault(row["learner__email"], {}).setdefault(
            "lessons done", set()
        ).add(row["lesson__translation_key"])
    for row in QuizAttempt.objects.values("learner__email", "quiz__translation_key"):
        learners.setdefault(row["learner__email"], {}).setdefault(
            "attempts", Counter()
        )[row["quiz__translation_key"]] += 1
    for row in Stay.objects.values("guest__email", "check_in", "check_out"):
        learners.setdefault(row["guest__email"], {}).setdefault("stays", set()).add(
            (row["check_in"], row["check_out"])
        )
    return learners


def test_twin_runs_merge_and_every_learner_keeps_their_place(old_shape, capsys):
    old = old_shape["apps"]
    course, english = old_shape["course"], old_shape["english"]
    OldRun = old.get_model("learning", "CourseRun")
    ko_run = OldRun.objects.create(
        course_id=course.pk,
        title="1기",
        starts_on=START,
        ends_on=END,
        capacity=3,
        is_residential=True,
    )
    en_run = OldRun.objects.create(
        course_id=english.pk,
        title="Cohort 1",
        starts_on=START,
        ends_on=END,
        capacity=3,
        is_residential=True,
    )
    later = OldRun.objects.create(
        course_id=course.pk, title="2기", starts_on=END + dt.timedelta(days=30)
    )
    english_only = OldRun.objects.create(
        course_id=english.pk, title="Summer school", starts_on=dt.date(2031, 7, 1)
    )
    learners = {name: UserFactory(email=f"{name}@example.org") for name in "abcdefg"}

    def enrol(name, run, status):
        return Enrollment.objects.create(
            learner=learners[name], run_id=run.pk, status=status
        )

    enrol("a", ko_run, "active")
    enrol("b", ko_run, "completed")
    c = enrol("c", en_run, "active")
    enrol("d", en_run, "active")
    enrol("e", en_run, "waitlisted")
    enrol("f", ko_run, "withdrawn")
    f_english = enrol("f", en_run, "active")
    enrol("g", later, "active")
    enrol("g", english_only, "pending")
    for run, seats in ((ko_run, 2), (en_run, 3), (later, 1)):
        OldRun.objects.filter(pk=run.pk).update(seats_taken=seats)

    ko_lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    en_lessons = list(LessonPage.objects.descendant_of(english).order_by("path"))
    now = timezone.now()
    a = learners["a"]
    LessonProgress.objects.create(
        learner=a, lesson=ko_lessons[0], course=course, completed_at=now
    )
    LessonProgress.objects.create(
        learner=a,
        lesson=en_lessons[0],
        course=english,
        completed_at=now - dt.timedelta(days=1),
    )
    LessonProgress.objects.create(
        learner=learners["c"], lesson=en_lessons[1], course=english, completed_at=now
    )
    ko_quiz = QuizPage.objects.descendant_of(course).get()
    en_quiz = QuizPage.objects.descendant_of(english).get()
    for number, (quiz, started) in enumerate(
        [(en_quiz, now - dt.timedelta(hours=2)), (ko_quiz, now)], start=1
    ):
        QuizAttempt.objects.create(
            learner=learners["c"],
            quiz=quiz,
            enrollment=c,
            number=1,
            status="submitted",
            started_at=started,
            percent=50 * number,
        )
    run_ref = CourseRun(pk=en_run.pk)
    meeting_create(
        room=RoomFactory(), starts_at=at(0, 10), ends_at=at(0, 12), run=run_ref
    )
    bed = room_create(beds=1).beds.get()
    stay_create(
        bed=bed,
        check_in=START,
        check_out=END,
        guest=learners["f"],
        run=run_ref,
        enrollment=f_english,
    )
    for run in (ko_run, en_run):
        Cohort.objects.create(run_id=run.pk, name="1조")
    en_cohort = Cohort.objects.get(run_id=en_run.pk)
    CohortMembership.objects.create(
        cohort=en_cohort, run_id=en_run.pk, user=learners["d"]
    )
    before = _state()
    enrolments_before = Enrollment.objects.count()

    _migrate(AFTER)

    # one run per offering, on the canonical (Korean) page, titles side by side
    runs = list(CourseRun.objects.order_by("starts_on"))
    assert len(runs) == 3
    merged = CourseRun.objects.get(pk=ko_run.pk)
    assert (merged.title_ko, merged.title_en) == ("1기", "Cohort 1")
    assert {run.course_id for run in runs} == {course.pk}
    assert CourseRun.objects.get(pk=english_only.pk).title_en == "Summer school"
    # everyone is still enrolled; f's two enrolments are one, the further along
    assert Enrollment.objects.count() == enrolments_before - 1
    after = _state()
    key = (course.translation_key, START)
    assert before["f@example.org"]["enrolments"] == Counter(
        {(*key, "active"): 1, (*key, "withdrawn"): 1}
    )
    assert after["f@example.org"]["enrolments"] == Counter({(*key, "active"): 1})
    for name in "abcdeg":
        email = f"{name}@example.org"
        assert after[email].get("enrolments") == before[email].get("enrolments")
    # lessons read in two languages are one; each learner's lessons done unchanged
    for email, state in before.items():
        assert after.get(email, {}).get("lessons done") == state.get("lessons done")
    assert LessonProgress.objects.filter(learner=a).count() == 1
    record = LessonProgress.objects.get(learner=a)
    assert record.lesson_id == ko_lessons[0].pk
    assert record.completed_at == now - dt.timedelta(days=1)
    # two attempts, one on each language's quiz: one quiz, numbered in order
    attempts = list(
        QuizAttempt.objects.filter(learner=learners["c"]).order_by("number")
    )
    assert [(x.quiz_id, x.number, x.percent) for x in attempts] == [
        (ko_quiz.pk, 1, 50),
        (ko_quiz.pk, 2, 100),
    ]
    # seats recounted; the overflow is kept and reported, capacity raised
    assert (merged.seats_taken, merged.capacity) == (5, 5)
    assert Enrollment.objects.filter(run=merged, status="waitlisted").count() == 1
    report = capsys.readouterr().out
    assert f"run {en_run.pk} (en) merged into run {ko_run.pk}" in report
    assert f"run {ko_run.pk} holds 5 seats for a capacity of 3: 2 over" in report
    # sessions, the stay and the cohort followed the run
    assert LectureSession.objects.get().run_id == ko_run.pk
    stay = Stay.objects.get()
    assert (stay.run_id, stay.enrollment.run_id) == (ko_run.pk, ko_run.pk)
    assert stay.enrollment.learner == learners["f"]
    assert list(Cohort.objects.values_list("run_id", "name")) == [(ko_run.pk, "1조")]
    membership = CohortMembership.objects.get()
    assert (membership.run_id, membership.cohort.run_id) == (ko_run.pk, ko_run.pk)
    assert after["f@example.org"]["stays"] == before["f@example.org"]["stays"]
