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

        from lms.core.navigation import NavItem, everyone, nav_item_register

        nav_item_register(
            NavItem(
                "library",
                _("Learning library"),
                "courses:library",
                order=20,
                visible=everyone,
                menu="main",
            )
        )


def _course_published(sender, instance, **kwargs):
    from .services import course_instructor_permissions_sync

    course_instructor_permissions_sync(course=instance)


def _content_changed(sender, **kwargs):
    from lms.core.page_cache import page_cache_clear

    page_cache_clear()
