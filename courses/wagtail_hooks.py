"""Admin screens: the learning library and the question bank."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from lms.core.navigation import NAV_ITEMS_HOOK, NavItem, everyone
from research_portal.teaching import USED_IN_HOOK, UsedIn

from .admin_views import QuestionViewSet
from .models import LibraryResource


class LibraryResourceViewSet(ModelViewSet):
    model = LibraryResource
    icon = "folder-open-inverse"
    menu_label = _("Learning library")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "title",
        "kind",
        "category",
        "language",
        "is_published",
        "created_at",
    ]
    list_filter = ["kind", "category", "language", "is_published"]
    search_fields = ["title", "description"]
    form_fields = [
        "title",
        "description",
        "kind",
        "category",
        "file",
        "url",
        "language",
        "tags",
        "is_published",
    ]


@hooks.register("register_admin_viewset")
def register_library_viewset():
    return LibraryResourceViewSet("library_resources")


@hooks.register("register_admin_viewset")
def register_question_viewset():
    return QuestionViewSet("question_bank")


@hooks.register(NAV_ITEMS_HOOK)
def nav_items():
    return [
        NavItem(
            "library",
            _("Learning library"),
            "courses:library",
            order=20,
            visible=everyone,
            menu="main",
        )
    ]


@hooks.register(USED_IN_HOOK)
def courses_citing_publication(*, publication, request):
    """The courses of the reader's language that cite the publication."""
    from django.utils.translation import get_language
    from wagtail.coreutils import get_supported_content_language_variant

    from .selectors import course_list_citing

    language = get_supported_content_language_variant(get_language() or "ko")
    return [
        UsedIn(title=course.title, url=course.get_url(request))
        for course in course_list_citing(
            publication_id=publication.pk, language_code=language
        )
    ]
