"""Admin screens for course runs, and the approval queue in the admin menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.core.admin_views import ServiceViewSetMixin

from .models import CourseRun
from .services import course_run_create, course_run_update


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
