"""Reads of the LTI tool."""

from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models import Q

from courses.models import CoursePage
from lms.learning.selectors import course_run_list_open

from ..models import LtiPlatform

AGS_LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
AGS_SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
FRAME_ORIGINS_KEY = "lti:frame-origins"


def run_for_course(course: CoursePage | None):
    """The run a partner context joins: the open published run that started
    last (a partner course follows the current offering)."""
    if course is None:
        return None
    return (
        course_run_list_open()
        .filter(course=course)
        .order_by("-starts_on", "-pk")
        .first()
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def lti_frame_origins() -> list[str]:
    """Origins that may frame the LTI pages: the registered, active platforms'
    issuers and authorization endpoints (cached; registrations change rarely)."""
    origins = cache.get(FRAME_ORIGINS_KEY)
    if origins is None:
        rows = LtiPlatform.objects.filter(is_active=True).values_list(
            "issuer", "auth_url"
        )
        origins = sorted({_origin(u) for row in rows for u in row} - {""})
        cache.set(FRAME_ORIGINS_KEY, origins, 300)
    return origins


def bindable_pages(*, q: str = "", kind: str = "", language: str = ""):
    """Courses, modules, lessons and quizzes to pick from, live, searchable by
    title and filtered by kind and language."""
    from wagtail.models import Page

    from .services import BINDABLE

    kinds = {model.__name__.lower(): model for model in BINDABLE}
    models = [kinds[kind]] if kind in kinds else list(BINDABLE)
    pages = Page.objects.live().type(*models)
    if q:
        pages = pages.filter(Q(title__icontains=q) | Q(slug__icontains=q))
    if language:
        pages = pages.filter(locale__language_code=language)
    return pages.select_related("content_type", "locale").order_by("path")
