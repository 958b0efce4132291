"""Assessments: the question bank, quizzes and assignments."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from lms.core.blocks import BaseStreamBlock
from lms.core.routing import CachedViewRestrictionsMixin

from ..hooks import lesson_gate_check, page_context_extra
from .choices import GradeCategory
from .pages import CoursePage


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT_TEXT = "short_text", _("Short text")
    NUMERIC = "numeric", _("Number")


class Question(ClusterableModel):
    """A question of a course's question bank, used by its quizzes."""

    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    type = models.CharField(_("type"), max_length=16, choices=QuestionType.choices)
    text = models.TextField(_("question"))
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Shown with the answer, when answers are shown."),
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=1)
    correct_boolean = models.BooleanField(
        _("the statement is true"), null=True, blank=True
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_(
            "One per line. Case, spacing and full-width characters are ignored."
        ),
    )
    numeric_answer = models.DecimalField(
        _("answer"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    numeric_tolerance = models.DecimalField(
        _("tolerance (±)"), max_digits=14, decimal_places=4, default=0
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("type"),
        FieldPanel("text"),
        FieldPanel("points"),
        InlinePanel("options", label=_("Options (choice questions)")),
        FieldPanel("correct_boolean"),
        FieldPanel("accepted_answers"),
        MultiFieldPanel(
            [FieldPanel("numeric_answer"), FieldPanel("numeric_tolerance")],
            _("Number questions"),
        ),
        FieldPanel("explanation"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("question bank")
        ordering = ["course", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points__gt=0), name="question_points_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(numeric_tolerance__gte=0),
                name="question_tolerance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.type == QuestionType.TRUE_FALSE and self.correct_boolean is None:
            raise ValidationError(
                {"correct_boolean": _("Say whether the statement is true.")}
            )
        if self.type == QuestionType.SHORT_TEXT and not self.accepted_answers.strip():
            raise ValidationError(
                {"accepted_answers": _("Give at least one accepted answer.")}
            )
        if self.type == QuestionType.NUMERIC and self.numeric_answer is None:
            raise ValidationError({"numeric_answer": _("Give the answer.")})

    @property
    def accepted_answer_list(self) -> list[str]:
        return [line for line in self.accepted_answers.splitlines() if line.strip()]


class QuestionOption(Orderable):
    question = ParentalKey(Question, related_name="options", on_delete=models.CASCADE)
    text = models.CharField(_("option"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")

    def __str__(self) -> str:
        return self.text


class AssessmentMixin(models.Model):
    """What quizzes and assignments share: where they count, and how much."""

    grade_category = models.CharField(
        _("gradebook category"), max_length=16, choices=GradeCategory.choices
    )
    max_points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, default=100
    )
    is_required = models.BooleanField(
        _("required to complete"),
        default=True,
        help_text=_("Learners must pass it to complete the course."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=60,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).get()


class ShowAnswers(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_SUBMIT = "after_submit", _("After each attempt")
    AFTER_LAST_ATTEMPT = "after_last", _("After the last attempt or a pass")


class QuizPageForm(WagtailAdminPageForm):
    """A quiz's editor picks questions from its own course's bank only.

    The formset's form class is narrowed before its forms are built, so the
    choices shown, the empty form for adding a question, and the validation of
    what is posted all use the course's questions: another course's question
    cannot be seen or attached.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("quiz_questions")
        course = self._course()
        if formset is None or course is None:
            return
        questions = Question.objects.filter(course=course)
        base = formset.form

        class CourseQuestionForm(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["question"].queryset = questions

        formset.form = CourseQuestionForm
        formset.__dict__.pop("forms", None)

    def _course(self):
        anchor = self.instance if self.instance.pk else self.parent_page
        if anchor is None:
            return None
        return CoursePage.objects.ancestor_of(anchor, inclusive=True).first()


class QuizPage(CachedViewRestrictionsMixin, AssessmentMixin, Page):
    """A quiz: questions from the course's bank, graded automatically."""

    intro = RichTextField(_("instructions"), blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, help_text=_("0 for no limit.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Enforced by the server. Leave empty for no limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=False)
    show_answers = models.CharField(
        _("show answers"),
        max_length=16,
        choices=ShowAnswers.choices,
        default=ShowAnswers.AFTER_LAST_ATTEMPT,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("quiz_questions", label=_("Questions")),
        MultiFieldPanel(
            [
                FieldPanel("attempts_allowed"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("show_answers"),
            ],
            _("Attempts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("grade_category"),
                FieldPanel("max_points"),
                FieldPanel("pass_mark"),
                FieldPanel("is_required"),
            ],
            _("Grading"),
        ),
    ]
    parent_page_types = ["courses.CourseModulePage"]
    subpage_types: list[str] = []
    base_form_class = QuizPageForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        context.update(page_context_extra(request=request, page=self))
        return context

    def serve(self, request, *args, **kwargs):
        refusal = lesson_gate_check(request=request, lesson=self)
        if refusal is not None:
            return refusal
        return super().serve(request, *args, **kwargs)


class QuizPageQuestion(Orderable):
    page = ParentalKey(
        QuizPage, related_name="quiz_questions", on_delete=models.CASCADE
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")


class SubmissionType(models.TextChoices):
    TEXT = "text", _("Text")
    FILE = "file", _("File")
    TEXT_AND_FILE = "text_and_file", _("Text and file")


class LatePolicy(models.TextChoices):
    ACCEPT = "accept", _("Accept late work")
    PENALTY = "penalty", _("Accept with a penalty per day late")
    REFUSE = "refuse", _("Refuse late work")


class RubricLevelBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Level"), max_length=100)
    points = blocks.DecimalBlock(label=_("Points"), min_value=0, decimal_places=2)
    description = blocks.TextBlock(label=_("Description"), required=False)


class RubricCriterionBlock(blocks.StructBlock):
    criterion = blocks.CharBlock(label=_("Criterion"), max_length=200)
    levels = blocks.ListBlock(RubricLevelBlock(), label=_("Levels"), min_num=1)


DEFAULT_EXTENSIONS = "pdf,docx,hwp,hwpx,xlsx,pptx,txt,jpg,png,zip"


class AssignmentPage(CachedViewRestrictionsMixin, AssessmentMixin, Page):
    """An assignment: learners submit text or a file; instructors grade by rubric."""

    instructions = StreamField(BaseStreamBlock(), verbose_name=_("instructions"))
    submission_type = models.CharField(
        _("submission"),
        max_length=16,
        choices=SubmissionType.choices,
        default=SubmissionType.TEXT_AND_FILE,
    )
    allowed_extensions = models.CharField(
        _("allowed file types"),
        max_length=200,
        default=DEFAULT_EXTENSIONS,
        help_text=_("File extensions separated by commas."),
    )
    max_file_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"), default=10, validators=[MaxValueValidator(50)]
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    late_policy = models.CharField(
        _("late work"),
        max_length=16,
        choices=LatePolicy.choices,
        default=LatePolicy.PENALTY,
    )
    late_penalty_percent = models.PositiveSmallIntegerField(
        _("penalty per day late (%)"), default=10, validators=[MaxValueValidator(100)]
    )
    allow_resubmission = models.BooleanField(_("allow resubmission"), default=True)
    rubric = StreamField(
        [("criterion", RubricCriterionBlock())], verbose_name=_("rubric"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldPanel("submission_type"),
                FieldPanel("allowed_extensions"),
                FieldPanel("max_file_mb"),
                FieldPanel("allow_resubmission"),
            ],
            _("Submission"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("due_at"),
                FieldPanel("late_policy"),
                FieldPanel("late_penalty_percent"),
            ],
            _("Deadline"),
        ),
        FieldPanel("rubric"),
        MultiFieldPanel(
            [
                FieldPanel("grade_category"),
                FieldPanel("max_points"),
                FieldPanel("pass_mark"),
                FieldPanel("is_required"),
            ],
            _("Grading"),
        ),
    ]
    parent_page_types = ["courses.CourseModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    @property
    def extensions(self) -> list[str]:
        return [
            e.strip().lower().lstrip(".")
            for e in self.allowed_extensions.split(",")
            if e.strip()
        ]

    @property
    def rubric_max_points(self):
        from decimal import Decimal

        return sum(
            (
                max(
                    (level["points"] for level in block.value["levels"]),
                    default=Decimal(0),
                )
                for block in self.rubric
            ),
            Decimal(0),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        context.update(page_context_extra(request=request, page=self))
        return context

    def serve(self, request, *args, **kwargs):
        refusal = lesson_gate_check(request=request, lesson=self)
        if refusal is not None:
            return refusal
        return super().serve(request, *args, **kwargs)
