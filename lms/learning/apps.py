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

        from django.contrib.auth.signals import user_logged_in

        from lms.core.landing import landing_provider_register
        from lms.core.navigation import NavItem, nav_item_register

        from . import landing

        user_logged_in.connect(landing.teaches_remember, dispatch_uid="teaches")
        landing_provider_register("teaching", landing.teaching_landing, order=10)
        landing_provider_register("learning", landing.learner_landing, order=90)

        nav_item_register(
            NavItem("learning", _("My learning"), "learning:dashboard", order=10)
        )
        nav_item_register(
            NavItem(
                "teaching",
                _("Teaching"),
                "learning:teaching",
                order=60,
                visible=landing.teaching_visible,
            )
        )

        from django.db.models.signals import post_delete, post_save

        from lms.core.page_cache import page_cache_clear_receiver

        from .models import CourseRun

        # catalog and course pages show the runs
        post_save.connect(page_cache_clear_receiver, sender=CourseRun)
        post_delete.connect(page_cache_clear_receiver, sender=CourseRun)
