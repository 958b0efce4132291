"""Admin screens for course runs, and the approval queue in the admin menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from courses.hooks import LESSON_GATE_HOOK, PAGE_CONTEXT_HOOK
from lms.core.admin_views import ServiceViewSetMixin
from lms.core.landing import LANDING_URL_HOOK
from lms.core.navigation import NAV_ITEMS_HOOK, NavItem

from . import landing, pages
from .models import CourseRun
from .services import course_run_create, course_run_update
from .views.assignments import assignment_page_context


class CourseRunViewSet(ServiceViewSetMixin, ModelViewSet):
    model = CourseRun
    create_service = course_run_create
    update_service = course_run_update
    icon = "date"
    menu_label = _("Course runs")
    list_display = [
        "__str__",
        "starts_on",
        "ends_on",
        "enrollment_policy",
        Column("seats_taken", label=_("Seats taken")),
        "capacity",
        "is_published",
    ]
    list_filter = ["enrollment_policy", "pacing", "is_residential", "is_published"]
    search_fields = ["title_ko", "title_en"]
    panels = [
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("title_ko"), FieldPanel("title_en")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("pacing"),
                FieldPanel("is_residential"),
            ],
            _("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("enrollment_opens_at"),
                        FieldPanel("enrollment_closes_at"),
                    ]
                ),
                FieldPanel("capacity"),
                FieldPanel("enrollment_policy"),
                FieldPanel("invitation_code"),
                FieldPanel("waitlist_enabled"),
                FieldPanel("is_published"),
            ],
            _("Enrolment"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("completion_requires_lessons"),
                FieldPanel("completion_requires_assessments"),
                FieldPanel("completion_min_grade"),
                FieldPanel("completion_min_attendance"),
            ],
            _("Completion"),
        ),
    ]


class LearningGroup(ViewSetGroup):
    menu_label = _("Learning")
    menu_icon = "list-ul"
    menu_order = 200
    items = (CourseRunViewSet("course_runs"),)


@hooks.register("register_admin_viewset")
def register_learning_viewsets():
    return LearningGroup()


@hooks.register("register_admin_menu_item")
def register_approvals_menu_item():
    return MenuItem(
        _("Enrolment requests"),
        reverse("learning:approvals"),
        icon_name="tasks",
        order=205,
    )


@hooks.register("register_course_page_actions")
def register_course_page_actions():
    """What course, lesson, quiz and assignment pages link to in learning."""
    return {
        "run-enroll": "learning:run-enroll",
        "enrollment-withdraw": "learning:enrollment-withdraw",
        "lesson-complete": "learning:lesson-complete",
        "bookmark-toggle": "learning:bookmark-toggle",
        "quiz-start": "learning:quiz-start",
        "quiz-attempt": "learning:quiz-attempt",
        "quiz-result": "learning:quiz-result",
        "assignment-submit": "learning:assignment-submit",
        "assignment-extension": "learning:assignment-extension",
        "grading-queue": "learning:grading-queue",
        "submission-file": "learning:submission-file",
    }


@hooks.register(PAGE_CONTEXT_HOOK)
def course_page_context():
    """What course, lesson, quiz and assignment pages show of runs and progress."""
    return {
        "courses.CourseIndexPage": pages.catalog_context,
        "courses.CoursePage": pages.course_context,
        "courses.LessonPage": pages.lesson_context,
        "courses.QuizPage": pages.quiz_context,
        "courses.AssignmentPage": assignment_page_context,
    }


hooks.register(LESSON_GATE_HOOK, pages.lesson_gate)
# instructors and staff start on their work; everyone else on 나의 학습
hooks.register(LANDING_URL_HOOK, landing.teaching_landing, order=10)
hooks.register(LANDING_URL_HOOK, landing.learner_landing, order=90)


@hooks.register(NAV_ITEMS_HOOK)
def nav_items():
    return [
        NavItem("learning", _("My learning"), "learning:dashboard", order=10),
        NavItem(
            "teaching",
            _("Teaching"),
            "learning:teaching",
            order=60,
            visible=landing.teaching_visible,
        ),
    ]
