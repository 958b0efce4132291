from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from lms.core.page_cache import page_cache_clear_receiver

        from .models import CourseCategory, CoursePage, LessonPage

        page_published.connect(_course_published, sender=CoursePage)
        # "used in courses" follows what is live (research_portal.teaching)
        for signal in (page_published, page_unpublished):
            for model in (CoursePage, LessonPage):
                signal.connect(_readings_changed, sender=model)
        # course pages show their category's name (pages: lms.core.apps)
        for signal in (post_save, post_delete):
            signal.connect(page_cache_clear_receiver, sender=CourseCategory)


def _course_published(sender, instance, **kwargs):
    from .services import course_instructor_permissions_sync

    course_instructor_permissions_sync(course=instance)


def _readings_changed(sender, instance, **kwargs):
    from .models import CoursePage
    from .services import course_readings_sync

    course = CoursePage.objects.ancestor_of(instance, inclusive=True).first()
    if course is not None:
        course_readings_sync(course=course)
