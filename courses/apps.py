from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from lms.core.page_cache import page_cache_clear_receiver

        from .models import CourseCategory, CoursePage

        page_published.connect(_course_published, sender=CoursePage)
        # course pages show their category's name (pages: lms.core.apps)
        for signal in (post_save, post_delete):
            signal.connect(page_cache_clear_receiver, sender=CourseCategory)


def _course_published(sender, instance, **kwargs):
    from .services import course_instructor_permissions_sync

    course_instructor_permissions_sync(course=instance)
