"""Reads of the LTI tool."""

import hashlib
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models import Q

from courses.models import CoursePage
from lms.learning.selectors import course_run_list_open

from ..models import LtiDeployment, LtiPlatform

AGS_LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
AGS_SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
FRAME_ORIGINS_KEY = "lti:frame-origins"
# registrations change rarely and are read on every login and launch: held in
# the shared cache, dropped when a row changes (receivers.registration_forget)
REGISTRATION_TTL = 300


def platform_cache_keys(platform: LtiPlatform) -> list[str]:
    return [f"lti:platform:{platform.pk}", f"lti:platform-uuid:{platform.uuid}"]


def deployment_cache_key(platform_pk: int, deployment_id: str) -> str:
    digest = hashlib.sha256(str(deployment_id).encode()).hexdigest()[:32]
    return f"lti:deployment:{platform_pk}:{digest}"


def _cached(key: str, load):
    found = cache.get(key)
    if found is None:
        found = load()
        if found is not None:  # a miss is not remembered: a new row counts at once
            cache.set(key, found, REGISTRATION_TTL)
    return found


def platform_active(*, pk=None, uuid=None) -> LtiPlatform | None:
    """The active registration with this id or UUID, or None."""
    if pk is not None:
        key, lookup = f"lti:platform:{pk}", {"pk": pk}
    else:
        key, lookup = f"lti:platform-uuid:{uuid}", {"uuid": uuid}
    platform = _cached(key, lambda: LtiPlatform.objects.filter(**lookup).first())
    return platform if platform is not None and platform.is_active else None


def deployment_of(*, platform: LtiPlatform, deployment_id: str) -> LtiDeployment | None:
    """The registered deployment `deployment_id` of `platform`, or None."""
    return _cached(
        deployment_cache_key(platform.pk, deployment_id),
        lambda: LtiDeployment.objects.filter(
            platform=platform, deployment_id=deployment_id
        ).first(),
    )


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
