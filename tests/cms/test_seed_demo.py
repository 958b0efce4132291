"""`seed_demo`: bilingual demo courses, runs, enrolments and the library, idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from filer import settings as filer_settings
from filer.models import File, Folder, FolderPermission
from wagtail.models import Locale, Page, WorkflowPage

from courses.models import (
    AssignmentPage,
    CourseCategory,
    CoursePage,
    Delivery,
    LearningMode,
    LessonPage,
    LibraryResource,
    Question,
    QuizPage,
)
from lms.learning.models import (
    CourseRun,
    Enrollment,
    EnrollmentStatus,
    LessonProgress,
    QuizAttempt,
    Submission,
    SubmissionStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    """Library files go to a temporary folder, public and private alike."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    private = filer_settings.FILER_PRIVATEMEDIA_STORAGE
    saved = private._location

    def relocate(location):
        private._location = location
        for name in ("base_location", "location"):
            private.__dict__.pop(name, None)

    relocate(str(tmp_path / "smedia"))
    yield tmp_path
    relocate(saved)


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "categories": CourseCategory.objects.count(),
        "runs": CourseRun.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "progress": LessonProgress.objects.count(),
        "files": File.objects.count(),
        "folders": Folder.objects.count(),
        "folder_permissions": FolderPermission.objects.count(),
        "resources": LibraryResource.objects.count(),
        "workflow_pages": WorkflowPage.objects.count(),
        "quizzes": QuizPage.objects.count(),
        "assignments": AssignmentPage.objects.count(),
        "questions": Question.objects.count(),
        "attempts": QuizAttempt.objects.count(),
        "submissions": Submission.objects.count(),
    }


def _seed() -> dict[str, int]:
    call_command("seed_demo", stdout=StringIO())
    return _counts()


def test_seed_demo_twice_duplicates_nothing_and_covers_the_demo(media):
    """Seeding takes seconds, so one test seeds twice and checks everything."""
    first = _seed()
    assert all(first.values())
    assert _seed() == first
    _check_translations()
    _check_modes_and_deliveries()
    _check_enrolments()
    _check_library()
    _check_assessments()


def _check_translations():
    english_locale = Locale.objects.get(language_code="en")
    korean = CoursePage.objects.filter(locale__language_code="ko").live()
    assert korean.count() >= 6
    for course in korean:
        english = course.get_translation(english_locale)
        assert english.live and english.title != course.title
        lessons_ko = LessonPage.objects.descendant_of(course).count()
        assert lessons_ko >= 4
        assert LessonPage.objects.descendant_of(english).count() == lessons_ko
        assert CourseRun.objects.filter(course=english).exists()


def _check_modes_and_deliveries():
    korean = CoursePage.objects.filter(locale__language_code="ko")
    assert set(korean.values_list("learning_mode", flat=True)) == set(
        LearningMode.values
    )
    assert set(korean.values_list("delivery", flat=True)) == set(Delivery.values)


def _check_enrolments():
    statuses = set(Enrollment.objects.values_list("status", flat=True))
    assert {
        EnrollmentStatus.ACTIVE,
        EnrollmentStatus.PENDING,
        EnrollmentStatus.WAITLISTED,
    } <= statuses
    assert CourseRun.objects.filter(capacity=F("seats_taken")).exists()  # a full run
    assert CourseRun.objects.filter(is_residential=True).exists()
    assert LessonProgress.objects.filter(
        learner__email="learner@campus.example", completed_at__isnull=False
    ).exists()


def _check_library():
    everybody = FolderPermission.objects.filter(
        everybody=True, can_read=FolderPermission.ALLOW
    )
    assert everybody.count() == 3
    staff_only = FolderPermission.objects.get(group__name="Staff")
    assert not File.objects.filter(folder=staff_only.folder, is_public=True).exists()
    for resource in LibraryResource.objects.exclude(file=None):
        assert resource.file.file.size > 0


def _check_assessments():
    """Quizzes and an assignment in both languages, with work to grade."""
    for model in (QuizPage, AssignmentPage):
        languages = set(model.objects.live().values_list("locale__language_code"))
        assert languages == {("ko",), ("en",)}
    for quiz in QuizPage.objects.all():
        assert quiz.quiz_questions.count() >= 2
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert {SubmissionStatus.GRADED, SubmissionStatus.SUBMITTED} <= statuses
    assert QuizAttempt.objects.filter(passed=True).exists()
