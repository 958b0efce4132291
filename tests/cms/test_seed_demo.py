"""`seed_demo`: bilingual demo courses, runs, enrolments and the library, idempotent."""

from io import StringIO
from zoneinfo import ZoneInfo

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

SEOUL = ZoneInfo("Asia/Seoul")


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
    _check_one_run_per_offering()
    _check_the_residential_story()
    _check_completions_are_earned()


def _check_translations():
    english_locale = Locale.objects.get(language_code="en")
    korean = CoursePage.objects.filter(locale__language_code="ko").live()
    assert korean.count() >= 6
    for course in korean:
        english = course.get_translation(english_locale)
        assert english.live and english.title != course.title
        lessons_ko = LessonPage.objects.descendant_of(course).count()
        # the fab lab's safety course (the town's training gate) has no lessons yet
        if course.title != "팹랩 장비 안전 교육":
            assert lessons_ko >= 4
        assert LessonPage.objects.descendant_of(english).count() == lessons_ko
        # one run per offering, on both language pages (issue 21)
        assert CourseRun.objects.for_course(english).exists()
        assert list(CourseRun.objects.for_course(english)) == list(
            CourseRun.objects.for_course(course)
        )


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


def _check_one_run_per_offering():
    """For every demo course, the Korean and English pages offer the same run ids
    and the same seats left to the same signed-in learner; no run is on an
    English page of its own."""
    from django.test import Client
    from django.utils import translation

    from lms.accounts.models import User

    english_locale = Locale.objects.get(language_code="en")
    assert not CourseRun.objects.filter(course__locale=english_locale).exists()
    client = Client()
    client.force_login(User.objects.get(email="learner@campus.example"))
    for course in CoursePage.objects.filter(locale__language_code="ko").live():
        english = course.get_translation(english_locale)
        offered = {}
        for language, page in (("ko", course), ("en", english)):
            with translation.override(language):
                response = client.get(page.url)
            assert response.status_code == 200
            offered[language] = [
                (run.pk, run.seats_left) for run in response.context["runs"]
            ]
        assert offered["ko"] == offered["en"], course.slug
        assert offered["ko"], course.slug


def _check_the_residential_story():
    """Dates, nights and sessions of the residential course agree (issue 22, 11):
    '3박 4일' from the run's first day, the lodging nights those of the
    sessions, every session held (none cancelled by a holiday)."""
    import datetime as dt

    from lms.lodging.models import Stay
    from lms.lodging.selectors import stay_nights_propose
    from lms.timetable.models import SessionOccurrence

    run = CourseRun.objects.get(is_residential=True, is_published=True)
    course = run.course
    assert "3박 4일" in course.summary
    assert (
        "four days and three nights"
        in course.get_translation(Locale.objects.get(language_code="en")).summary
    )
    assert (run.ends_on - run.starts_on).days == 3  # four days, three nights
    occurrences = SessionOccurrence.objects.filter(run=run)
    assert occurrences.exists()
    assert not occurrences.filter(is_active=False).exists()
    days = sorted({o.starts_at.astimezone(SEOUL).date() for o in occurrences})
    assert days == [run.starts_on + dt.timedelta(days=n) for n in range(4)]
    assert stay_nights_propose(run=run) == (run.starts_on, run.ends_on)
    stays = Stay.objects.filter(run=run).exclude(status="cancelled")
    assert stays.exists()
    for stay in stays:
        assert (stay.check_in, stay.check_out) == (run.starts_on, run.ends_on)


def _check_completions_are_earned():
    """The demo holds no completion its run's rules would not grant (issue 22,
    item 4), a completed card never shows unfinished progress, and a
    certificate that waits for staff is said to: '이수증 발급 검토 중'."""
    from django.test import Client
    from django.urls import reverse

    from lms.learning.selectors import learner_dashboard
    from lms.learning.services import completion_status

    completed = Enrollment.objects.filter(status=EnrollmentStatus.COMPLETED)
    assert completed.exists()
    for enrollment in completed.select_related("run__course", "learner"):
        results = completion_status(enrollment=enrollment)
        assert results and all(r.met for r in results), (enrollment, results)
        for entry in learner_dashboard(learner=enrollment.learner)["entries"]:
            if entry.enrollment.status == EnrollmentStatus.COMPLETED:
                assert entry.progress.percent == 100 and not entry.progress.left
    waiting = completed.get(run__course__slug="cooperative-accounting-and-finance")
    client = Client()
    client.force_login(waiting.learner)
    for url in (reverse("learning:dashboard"), reverse("certificates:wallet")):
        assert "이수증 발급 검토 중" in client.get(url).content.decode()


def test_seed_demo_holds_back_e_mails_and_prints_the_logins_last(
    settings, capsys, monkeypatch
):
    """At `make setup` the e-mails the demo's stories send would bury the logins
    on the console: they are held back and counted, and the learner login is the
    last line. (The seeding itself is replaced by one that sends an e-mail.)"""
    from django.core import mail

    from cms.management.commands import seed_demo as command

    def seed():
        mail.send_mail("Issued", "Your certificate", None, ["learner@campus.example"])
        people = ["admin@campus.example", "staff@campus.example"]
        return dict.fromkeys([*people, "learner@campus.example"]), []

    monkeypatch.setattr(command, "seed_demo", seed)
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    call_command("seed_demo")  # the command and the console e-mails share stdout
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if line.startswith(("Subject:", "From:"))]
    assert [message.subject for message in mail.outbox] == ["Issued"]
    held = next(line for line in lines if "e-mails to demo people" in line)
    assert held.split()[0] == "1"
    logins = next(line for line in lines if line.startswith("Logins"))
    assert lines.index(held) < lines.index(logins)
    assert "staff@campus.example" in lines[-2]
    assert lines[-1].startswith("  Learner:  learner@campus.example")
