from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "lms.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import landing

        user_logged_in.connect(landing.teaches_remember, dispatch_uid="teaches")

        from django.db.models.signals import post_delete, post_save

        from lms.core.page_cache import page_cache_clear_receiver

        from .models import CourseRun

        # catalog and course pages show the runs
        post_save.connect(page_cache_clear_receiver, sender=CourseRun)
        post_delete.connect(page_cache_clear_receiver, sender=CourseRun)
