"""Writes of inbound syndication: partners publish courses to our catalog,
by the API or by a feed that Campus pulls through the SSRF-safe fetcher."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.outbound import OutboundError, OutboundRefused, outbound_fetch
from lms.core.page_cache import page_cache_clear

from ..errors import PartnerError
from ..models import PartnerCourse, PartnerInstitution

FEED_MAX_BYTES = 1024 * 1024
FEED_MAX_COURSES = 500
FIELDS = (
    "title",
    "summary",
    "url",
    "learning_mode",
    "delivery",
    "level",
    "course_language",
    "starts_on",
)


def _validated(data: dict) -> dict:
    from ..api.serializers import PartnerCourseInSerializer

    serializer = PartnerCourseInSerializer(data=data)
    if not serializer.is_valid():
        raise PartnerError(
            _("The course is not valid: %(errors)s") % {"errors": serializer.errors},
            code="invalid_course",
        )
    return serializer.validated_data


@transaction.atomic
def partner_course_publish(
    *,
    institution: PartnerInstitution,
    external_id: str,
    data: dict,
    source: str = PartnerCourse.Source.API,
) -> tuple[PartnerCourse, bool]:
    """Create or update the partner's course `external_id`; publishing a
    withdrawn course lists it again. Returns (course, created)."""
    cleaned = _validated(data)
    course, created = PartnerCourse.objects.update_or_create(
        institution=institution,
        external_id=external_id,
        defaults={
            **{name: cleaned.get(name) for name in FIELDS},
            "summary": cleaned.get("summary") or "",
            "source": source,
            "withdrawn_at": None,
        },
    )
    page_cache_clear()  # the catalog page shows it
    return course, created


@transaction.atomic
def partner_course_withdraw(*, course: PartnerCourse) -> PartnerCourse:
    """Take the course out of our catalog (kept, so that it can come back)."""
    PartnerCourse.objects.filter(pk=course.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    course.refresh_from_db()
    page_cache_clear()
    return course


@transaction.atomic
def partner_feed_pull(*, institution: PartnerInstitution) -> dict[str, int]:
    """Pull the partner's JSON feed (`{"courses": [{"id": …, "title": …}]}`):
    courses in it are published, feed courses missing from it withdrawn. A
    feed that cannot be fetched or read changes nothing."""
    if not institution.course_feed_url:
        return {"published": 0, "withdrawn": 0}
    try:
        response = outbound_fetch(institution.course_feed_url, max_bytes=FEED_MAX_BYTES)
        if not response.ok:
            raise PartnerError(
                _("The feed answered %(status)s.") % {"status": response.status},
                code="feed_failed",
            )
        items = response.json().get("courses", [])
    except (OutboundError, OutboundRefused) as error:
        raise PartnerError(error.message, code="feed_failed") from error
    except (ValueError, AttributeError) as error:
        raise PartnerError(
            _("The feed is not the expected JSON."), code="feed_invalid"
        ) from error
    if not isinstance(items, list) or len(items) > FEED_MAX_COURSES:
        raise PartnerError(_("The feed is not the expected JSON."), code="feed_invalid")
    seen = set()
    for item in items:
        if not isinstance(item, dict) or not str(item.get("id", "")).strip():
            raise PartnerError(
                _("The feed is not the expected JSON."), code="feed_invalid"
            )
        external_id = str(item["id"])[:100]
        partner_course_publish(
            institution=institution,
            external_id=external_id,
            data=item,
            source=PartnerCourse.Source.FEED,
        )
        seen.add(external_id)
    withdrawn = (
        PartnerCourse.objects.filter(
            institution=institution,
            source=PartnerCourse.Source.FEED,
            withdrawn_at__isnull=True,
        )
        .exclude(external_id__in=seen)
        .update(withdrawn_at=timezone.now())
    )
    page_cache_clear()
    return {"published": len(seen), "withdrawn": withdrawn}
