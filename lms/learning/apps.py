from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "lms.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from courses.hooks import lesson_gate_register, page_context_provider_register

        from . import pages

        page_context_provider_register("courses.CourseIndexPage", pages.catalog_context)
        page_context_provider_register("courses.CoursePage", pages.course_context)
        page_context_provider_register("courses.LessonPage", pages.lesson_context)
        page_context_provider_register("courses.QuizPage", pages.quiz_context)
        from .views.assignments import assignment_page_context

        page_context_provider_register(
            "courses.AssignmentPage", assignment_page_context
        )
        lesson_gate_register(pages.lesson_gate)

        from lms.core.navigation import NavItem, nav_item_register, staff_only

        nav_item_register(
            NavItem("learning", _("My learning"), "learning:dashboard", order=10)
        )
        nav_item_register(
            NavItem(
                "teaching",
                _("Teaching"),
                "learning:teaching",
                order=60,
                visible=staff_only,
            )
        )

        from django.db.models.signals import post_delete, post_save

        from lms.core.page_cache import page_cache_clear_receiver

        from .models import CourseRun

        # catalog and course pages show the runs
        post_save.connect(page_cache_clear_receiver, sender=CourseRun)
        post_delete.connect(page_cache_clear_receiver, sender=CourseRun)
