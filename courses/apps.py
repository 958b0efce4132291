from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from .models import CoursePage

        page_published.connect(_course_published, sender=CoursePage)
        for signal in (page_published, page_unpublished):
            signal.connect(_content_changed)


def _course_published(sender, instance, **kwargs):
    from .services import course_instructor_permissions_sync

    course_instructor_permissions_sync(course=instance)


def _content_changed(sender, **kwargs):
    from lms.core.page_cache import page_cache_clear

    page_cache_clear()
