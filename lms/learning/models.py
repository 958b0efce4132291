"""Everything about learners: course runs, enrolments, progress and bookmarks."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EnrollmentPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone may enrol")
    APPROVAL = "approval", _("Approval by staff or the instructor")
    INVITATION = "invitation", _("Invitation code")


class Pacing(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced")
    SCHEDULED = "scheduled", _("Scheduled")


def invitation_code_new() -> str:
    return secrets.token_urlsafe(9)


class CourseRunQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, course__live=True)

    def upcoming(self, *, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def for_course(self, course):
        """The runs of `course`, whichever language version of its page it is."""
        return self.filter(course__translation_key=course.translation_key)


class CourseRun(models.Model):
    """One offering of a course: its dates, seats and who may enrol.

    A run belongs to the course, not to one language of its page: `course`
    is the course's canonical page (`courses.translations.page_canonical`),
    and every translation of the page lists the same runs, seats, waitlist
    and sessions (`CourseRun.objects.for_course(page)`). What the run says
    about itself is in both languages side by side (`title_ko`, `title_en`;
    `title` is the one of the active language).

    `seats_taken` counts active enrolments. It is kept by the enrolment
    services under a row lock, and a check constraint makes the database
    refuse one seat too many whatever the code does.
    """

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="runs",
    )
    title_ko = models.CharField(
        _("title (Korean)"), max_length=200, help_text=_("e.g. 2026 spring, cohort 3")
    )
    title_en = models.CharField(
        _("title (English)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the Korean title."),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    enrollment_opens_at = models.DateTimeField(
        _("enrolment opens"), null=True, blank=True
    )
    enrollment_closes_at = models.DateTimeField(
        _("enrolment closes"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    seats_taken = models.PositiveIntegerField(
        _("seats taken"), default=0, editable=False
    )
    enrollment_policy = models.CharField(
        _("enrolment policy"),
        max_length=16,
        choices=EnrollmentPolicy.choices,
        default=EnrollmentPolicy.OPEN,
    )
    invitation_code = models.CharField(
        _("invitation code"), max_length=32, blank=True, default=invitation_code_new
    )
    pacing = models.CharField(
        _("pacing"), max_length=16, choices=Pacing.choices, default=Pacing.SCHEDULED
    )
    is_residential = models.BooleanField(
        _("residential"),
        default=False,
        help_text=_("Learners stay in the lodging building."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    waitlist_enabled = models.BooleanField(_("waitlist"), default=True)
    # completion rules
    completion_requires_lessons = models.BooleanField(
        _("all required lessons done"), default=True
    )
    completion_requires_assessments = models.BooleanField(
        _("all required assessments passed"), default=True
    )
    completion_min_grade = models.PositiveSmallIntegerField(
        _("minimum final grade (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    completion_min_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Counted from the lecture sessions' attendance."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("course run")
        verbose_name_plural = _("course runs")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity")),
                name="run_seats_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="run_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title} · {self.title}"

    def save(self, *args, **kwargs):
        # whichever language's page the run was made from, it belongs to the course
        update_fields = kwargs.get("update_fields")
        if self.course_id is not None and (
            update_fields is None or "course" in update_fields
        ):
            from courses.translations import page_canonical

            canonical = page_canonical(self.course)
            if canonical.pk != self.course_id:
                self.course = canonical
        super().save(*args, **kwargs)

    @property
    def home_course(self):
        """The course's canonical page, which records point at, even where
        `course` shows a translation for display (`selectors.runs_in_language`)."""
        course = self.course
        if course.pk == self.course_id:
            return course
        return type(course)._default_manager.get(pk=self.course_id)

    @property
    def title(self) -> str:
        """The run's title in the active language (Korean when English is empty)."""
        language = translation.get_language() or ""
        if language.startswith("en") and self.title_en:
            return self.title_en
        return self.title_ko or self.title_en

    @title.setter
    def title(self, value: str) -> None:
        # one title given (as before runs had two): it is the Korean one
        self.title_ko = value

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    def enrollment_window_state(self, *, now=None) -> str:
        """'not_yet', 'open' or 'closed'."""
        now = now or timezone.now()
        if self.enrollment_opens_at and now < self.enrollment_opens_at:
            return "not_yet"
        if self.enrollment_closes_at and now >= self.enrollment_closes_at:
            return "closed"
        return "open"


def run_title_expression(prefix: str = ""):
    """A run's title in the active language, in SQL (`prefix`: the path to the
    run, e.g. "run__"), for queries that read values rather than runs."""
    language = translation.get_language() or ""
    if language.startswith("en"):
        return Coalesce(
            NullIf(F(f"{prefix}title_en"), Value("")), F(f"{prefix}title_ko")
        )
    return F(f"{prefix}title_ko")


class EnrollmentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    WAITLISTED = "waitlisted", _("On the waitlist")
    ACTIVE = "active", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Not approved")


REQUEST_REASON_MAX = 1000

# statuses that hold a seat
SEAT_HOLDING = (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED)


class Enrollment(models.Model):
    """A learner's place in a course run, from request to completion."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    run = models.ForeignKey(
        CourseRun,
        verbose_name=_("course run"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EnrollmentStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    final_grade = models.DecimalField(
        _("final grade (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=16, default="web", help_text=_("web, csv or api")
    )
    request_reason = models.TextField(
        _("reason for applying"),
        max_length=REQUEST_REASON_MAX,
        blank=True,
        help_text=_("What the learner wrote when asking to join a course by approval."),
    )
    notified_status = models.CharField(
        max_length=16,
        blank=True,
        editable=False,
        help_text="The status the learner was last told about by e-mail.",
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "run"], name="enrollment_one_per_learner_and_run"
            ),
        ]
        indexes = [models.Index(fields=["run", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.run} ({self.get_status_display()})"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


class LessonProgress(models.Model):
    """What a learner has done with a lesson: viewed, and when completed."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    first_viewed_at = models.DateTimeField(default=timezone.now)
    last_viewed_at = models.DateTimeField(default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson"], name="progress_one_per_learner_and_lesson"
            ),
        ]
        indexes = [models.Index(fields=["learner", "course", "last_viewed_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.lesson_id}"


class Bookmark(models.Model):
    """'Save for later': a lesson or a library resource a learner keeps."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    resource = models.ForeignKey(
        "courses.LibraryResource",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(page__isnull=False) & Q(resource__isnull=True))
                | (Q(page__isnull=True) & Q(resource__isnull=False)),
                name="bookmark_page_or_resource",
            ),
            models.UniqueConstraint(
                fields=["learner", "page"],
                name="bookmark_page_once",
                condition=Q(page__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["learner", "resource"],
                name="bookmark_resource_once",
                condition=Q(resource__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.page_id or self.resource_id}"


def private_storage():
    """Learners' uploads: kept out of the public media folder, served by views."""
    from django.core.files.storage import storages

    return storages["private"]


class QuizAttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class QuizAttempt(models.Model):
    """One go at a quiz: the questions as shown, the answers, and the grade."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(
        "courses.QuizPage", on_delete=models.CASCADE, related_name="attempts"
    )
    enrollment = models.ForeignKey(
        Enrollment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quiz_attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=QuizAttemptStatus.choices,
        default=QuizAttemptStatus.IN_PROGRESS,
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    layout = models.JSONField(
        default=list, help_text="The questions and options in the order shown."
    )
    answers = models.JSONField(default=dict)
    score = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)
    results = models.JSONField(default=dict, help_text="Per question: points earned.")

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["quiz", "learner", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz", "number"], name="attempt_number_once"
            ),
            models.UniqueConstraint(
                fields=["learner", "quiz"],
                condition=Q(status="in_progress"),
                name="attempt_one_open_per_quiz",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.quiz_id} #{self.number}"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    GRADED = "graded", _("Graded")
    SUPERSEDED = "superseded", _("Replaced by a resubmission")


class AssignmentExtension(models.Model):
    """A later due date for one learner, granted by an instructor."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    assignment = models.ForeignKey(
        "courses.AssignmentPage", on_delete=models.CASCADE, related_name="extensions"
    )
    due_at = models.DateTimeField(_("new due date"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "assignment"], name="extension_once_per_learner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.assignment_id} → {self.due_at:%Y-%m-%d}"


class Submission(models.Model):
    """A learner's work for an assignment; a resubmission is a new version."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    assignment = models.ForeignKey(
        "courses.AssignmentPage", on_delete=models.CASCADE, related_name="submissions"
    )
    enrollment = models.ForeignKey(
        Enrollment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
        db_index=True,
    )
    text = models.TextField(
        pgettext_lazy("submission", "answer"), blank=True, max_length=50_000
    )
    file = models.FileField(
        _("file"),
        upload_to="submissions/%Y/%m/",
        storage=private_storage,
        blank=True,
        max_length=300,
    )
    original_filename = models.CharField(max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    days_late = models.PositiveSmallIntegerField(_("days late"), default=0)
    # the grade, written by the instructor
    rubric_choices = models.JSONField(
        default=list, blank=True, help_text="Chosen level index per rubric criterion."
    )
    raw_score = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField(
        _("score"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="After the late penalty.",
    )
    feedback = models.TextField(_("feedback"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "assignment", "version"],
                name="submission_version_once",
            ),
        ]
        indexes = [models.Index(fields=["assignment", "status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.assignment_id} v{self.version}"


class GradeOverride(models.Model):
    """A grade set by hand, with who, when and why. The newest one counts.

    Rows are never changed or deleted: together they are the audit trail.
    """

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="grade_overrides"
    )
    item = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The quiz or assignment.",
    )
    percent = models.DecimalField(
        _("grade (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty clears the override.",
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("grade override")
        verbose_name_plural = _("grade overrides")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True)
                | (Q(percent__gte=0) & Q(percent__lte=100)),
                name="override_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id} · {self.item_id}: {self.percent}"
