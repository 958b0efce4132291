from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .models import CoursePage

        page_published.connect(_course_published, sender=CoursePage)
        # any page written, moved or deleted (drafts too: rare, and never stale)
        for signal in (post_save, post_delete):
            signal.connect(_page_changed)
        for signal in (page_published, page_unpublished, post_page_move):
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


def _page_changed(sender, instance, **kwargs):
    """Pages, and what decides where they are and who sees them."""
    from wagtail.models import BaseViewRestriction, Locale, Page, Site

    if isinstance(instance, Page | BaseViewRestriction | Site | Locale):
        _content_changed(sender)


def _content_changed(sender, **kwargs):
    from lms.core.page_cache import page_cache_clear

    page_cache_clear()
