"""Reads for the site: the shell, the town's spaces and their hours."""

from django.db.models import QuerySet
from django.utils import timezone

from .hours import local_zone, opening_hours_jsonld
from .jsonld import jsonld_dumps
from .models import HomePage, LinkedService, TownIndexPage, TownSpacePage


def town_spaces_for_home(*, home: HomePage) -> QuerySet[TownSpacePage]:
    """The live spaces under the home page's town index, in menu order."""
    town = TownIndexPage.objects.child_of(home).live().first()
    if town is None:
        return TownSpacePage.objects.none()
    return TownSpacePage.objects.child_of(town).live().public().order_by("path")


def space_jsonld(*, page: TownSpacePage, hours, request=None) -> dict:
    """schema.org CivicStructure of the space, with its opening hours."""
    today = timezone.now().astimezone(local_zone()).date()
    data = {
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
    }
    if page.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": page.address,
            "addressCountry": "KR",
        }
    if page.phone:
        data["telephone"] = page.phone
    if page.email:
        data["email"] = page.email
    facilities = [
        {
            "@type": "LocationFeatureSpecification",
            "name": block.value["name"],
            "value": True,
        }
        for block in page.facilities
    ]
    if facilities:
        data["amenityFeature"] = facilities
    data.update(opening_hours_jsonld(hours, today=today))
    return data


def space_page_context(*, page: TownSpacePage, request=None) -> dict:
    """What a space page shows beside its fields: hours now and this week,
    the linked services and the JSON-LD. A fixed number of queries."""
    hours = page.hours()
    now = timezone.now().astimezone(local_zone())
    return {
        "hours": hours,
        "open_status": hours.status(now) if not hours.is_empty else None,
        "week": hours.week_from(now.date()) if not hours.is_empty else [],
        "linked_services": service_list_for_space(space=page.kind),
        "jsonld": jsonld_dumps(space_jsonld(page=page, hours=hours, request=request)),
    }


def service_list_for_space(*, space: str) -> list[LinkedService]:
    """The space's active services with a target, in order (one query)."""
    return list(
        LinkedService.objects.active()
        .with_target()
        .filter(space=space)
        .select_related("target_page")
    )


def service_list(
    *, space: str = "", kind: str = "", audience: str = "", query: str = ""
) -> QuerySet[LinkedService]:
    """The directory: active services with a target, filtered and searched.

    The search matches substrings in both languages, so a Korean word inside a
    compound (상담 in 금융상담) is found.
    """
    services = (
        LinkedService.objects.active().with_target().select_related("target_page")
    )
    if space:
        services = services.filter(space=space)
    if kind:
        services = services.filter(kind=kind)
    if audience:
        services = services.filter(audience=audience)
    for word in query.split()[:8]:
        services = services.filter(LinkedService.matching(word))
    return services
