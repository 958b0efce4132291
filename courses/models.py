"""What is taught: the catalog, course, module and lesson pages, and the library.

Course content is CMS content, so instructors get drafts, revisions, preview,
moderation and translation from Wagtail. Everything about learners lives in
`lms.learning`, which points at these pages.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from lms.core.blocks import BaseStreamBlock
from lms.core.page_cache import AnonymousPageCacheMixin
from lms.core.routing import CachedViewRestrictionsMixin, SpecificChildRouteMixin

from .hooks import lesson_gate_check, page_context_extra
from .outline import course_outline


class LearningMode(models.TextChoices):
    FORMAL = "formal", _("Formal learning")
    INFORMAL = "informal", _("Informal learning")
    SOCIAL = "social", _("Social learning")


class Delivery(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On-site")
    RESIDENTIAL = "residential", _("Residential")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseLanguage(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    BILINGUAL = "ko_en", _("Korean and English")


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all_rights_reserved", _("All rights reserved")
    CC_BY = "cc_by", _("CC BY 4.0")
    CC_BY_SA = "cc_by_sa", _("CC BY-SA 4.0")
    CC_BY_NC = "cc_by_nc", _("CC BY-NC 4.0")
    CC_BY_NC_SA = "cc_by_nc_sa", _("CC BY-NC-SA 4.0")


class GradeCategory(models.TextChoices):
    """The gradebook's categories; each course weighs them (CoursePage.weight_*)."""

    QUIZ = "quiz", _("Quizzes")
    ASSIGNMENT = "assignment", _("Assignments")
    EXAM = "exam", _("Exams")
    PARTICIPATION = "participation", _("Participation")


@register_snippet
class CourseCategory(TranslatableMixin, models.Model):
    """A subject area of the catalog, e.g. social-enterprise start-up."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("course category")
        verbose_name_plural = _("course categories")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name


class CourseIndexPage(
    CachedViewRestrictionsMixin, SpecificChildRouteMixin, AnonymousPageCacheMixin, Page
):
    """The catalog: every published course, with facets and search."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalog")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_extra(request=request, page=self))
        return context

    def route_children(self):
        return CoursePage.objects.child_of(self).select_related("category")


class CoursePageInstructor(Orderable):
    """An instructor of a course; publishing the course grants them its pages."""

    page = ParentalKey("courses.CoursePage", related_name="instructor_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructor"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=100, blank=True)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")


class CoursePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CoursePage(
    CachedViewRestrictionsMixin, SpecificChildRouteMixin, AnonymousPageCacheMixin, Page
):
    """A course: what it teaches, to whom, how, and for how long."""

    summary = models.TextField(_("summary"), max_length=500)
    description = StreamField(
        BaseStreamBlock(), verbose_name=_("description"), blank=True
    )
    learning_mode = models.CharField(
        _("learning mode"), max_length=16, choices=LearningMode.choices, db_index=True
    )
    delivery = models.CharField(
        _("delivery"), max_length=16, choices=Delivery.choices, db_index=True
    )
    category = models.ForeignKey(
        CourseCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    level = models.CharField(
        _("level"),
        max_length=16,
        choices=Level.choices,
        default=Level.INTRODUCTORY,
        db_index=True,
    )
    course_language = models.CharField(
        _("language of instruction"),
        max_length=8,
        choices=CourseLanguage.choices,
        default=CourseLanguage.KOREAN,
        db_index=True,
    )
    credit_hours = models.DecimalField(
        _("credit hours"),
        max_digits=5,
        decimal_places=1,
        default=0,
        help_text=_("이수시간: hours recognised on completion."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
        help_text=_("Courses a learner must have completed before enrolling."),
    )
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        blank=True,
    )
    licence = models.CharField(
        _("licence"),
        max_length=24,
        choices=Licence.choices,
        default=Licence.CC_BY_NC_SA,
    )
    is_open = models.BooleanField(
        _("open to everyone"),
        default=False,
        help_text=_(
            "Anyone may read the lessons without enrolling (informal courses)."
        ),
    )
    tags = ClusterTaggableManager(
        through=CoursePageTag, blank=True, verbose_name=_("tags")
    )
    weight_quiz = models.PositiveSmallIntegerField(
        _("weight of quizzes (%)"), default=40, validators=[MaxValueValidator(100)]
    )
    weight_assignment = models.PositiveSmallIntegerField(
        _("weight of assignments (%)"), default=60, validators=[MaxValueValidator(100)]
    )
    weight_exam = models.PositiveSmallIntegerField(
        _("weight of exams (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    weight_participation = models.PositiveSmallIntegerField(
        _("weight of participation (%)"), default=0, validators=[MaxValueValidator(100)]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("learning_mode"),
                FieldPanel("delivery"),
                FieldPanel("category"),
                FieldPanel("level"),
                FieldPanel("course_language"),
                FieldPanel("credit_hours"),
                FieldPanel("is_open"),
            ],
            _("How it is taught"),
        ),
        FieldPanel("description"),
        FieldPanel("learning_outcomes"),
        FieldPanel("prerequisites"),
        InlinePanel("instructor_links", label=_("Instructors")),
        FieldPanel("licence"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("weight_quiz"),
                FieldPanel("weight_assignment"),
                FieldPanel("weight_exam"),
                FieldPanel("weight_participation"),
            ],
            _("Gradebook weights (add up to 100)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("learning_mode"),
        index.FilterField("delivery"),
        index.FilterField("level"),
        index.FilterField("course_language"),
        index.FilterField("category_id"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.CourseModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        total = (
            self.weight_quiz
            + self.weight_assignment
            + self.weight_exam
            + self.weight_participation
        )
        if total != 100:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                _(
                    "The gradebook weights add up to %(total)d%%; "
                    "they must add up to 100%%."
                )
                % {"total": total}
            )

    def route_children(self):
        return CourseModulePage.objects.child_of(self)

    def grade_weights(self) -> dict[str, int]:
        return {
            GradeCategory.QUIZ: self.weight_quiz,
            GradeCategory.ASSIGNMENT: self.weight_assignment,
            GradeCategory.EXAM: self.weight_exam,
            GradeCategory.PARTICIPATION: self.weight_participation,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(course=self)
        context["instructors"] = list(self.instructor_links.select_related("user"))
        context.update(page_context_extra(request=request, page=self))
        return context


class CourseModulePage(CachedViewRestrictionsMixin, Page):
    """A module: an ordered group of lessons within a course."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage", "courses.AssignmentPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        # a module has no page of its own: its course shows it
        return redirect(self.get_parent().get_url(request))


class LessonPage(CachedViewRestrictionsMixin, Page):
    """A lesson: what a learner reads, watches or does in one sitting."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=15
    )
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required lessons count towards completion."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("is_required")],
            _("Lesson settings"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CourseModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).get()

    def serve(self, request, *args, **kwargs):
        refusal = lesson_gate_check(request=request, lesson=self)
        if refusal is not None:
            return refusal
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = course_outline(course=self.course)
        context.update(
            course=self.course, outline=outline, **outline.neighbours(lesson=self)
        )
        context.update(page_context_extra(request=request, page=self))
        return context


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    RECORDED_TALK = "recorded_talk", _("Recorded talk")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class LibraryResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.LibraryResource", related_name="tagged_items", on_delete=models.CASCADE
    )


class LibraryResource(index.Indexed, ClusterableModel):
    """A resource of the learning library (자료실): a library file, described.

    Who may see it follows the permissions of the file's folder in django-filer.
    It is described in Korean, and in English for English readers when
    `title_en` is given; `language` is the language of the file itself.
    """

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=ResourceKind.choices,
        default=ResourceKind.GUIDE,
        db_index=True,
    )
    category = models.ForeignKey(
        CourseCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    file = models.ForeignKey(
        "filer.File",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    url = models.URLField(
        _("or a link"), blank=True, help_text=_("For a recorded talk hosted elsewhere.")
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=CourseLanguage.choices,
        default=CourseLanguage.KOREAN,
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    tags = TaggableManager(
        through=LibraryResourceTag, blank=True, verbose_name=_("tags")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("kind"),
        FieldPanel("category"),
        FieldPanel("file"),
        FieldPanel("url"),
        FieldPanel("language"),
        FieldPanel("tags"),
        FieldPanel("is_published"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("title_en"),
        index.SearchField("description_en"),
        index.FilterField("kind"),
        index.FilterField("category_id"),
        index.FilterField("is_published"),
    ]

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file__isnull=True, url=""),
                name="library_resource_has_file_or_url",
            )
        ]

    def __str__(self) -> str:
        return self.shown_title

    @property
    def _in_english(self) -> bool:
        return get_language() == "en" and bool(self.title_en)

    @property
    def shown_title(self) -> str:
        """The title in the reader's language when there is one."""
        return self.title_en if self._in_english else (self.title or self.title_en)

    @property
    def shown_description(self) -> str:
        if self._in_english and self.description_en:
            return self.description_en
        return self.description

    @property
    def shown_description_language(self) -> str:
        if self._in_english and self.description_en:
            return "en"
        return "ko" if self.title_en else self.shown_language

    @property
    def shown_language(self) -> str:
        """The language of the shown title, for its `lang` attribute: the
        Korean title of a resource described in both is Korean; one described
        once is in the file's language."""
        if self.title_en:
            return "en" if self._in_english else "ko"
        return self.language if self.language in ("ko", "en") else ""


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
