"""Site-wide search: pages, courses, services, organizations and events.

Words are matched as substrings, in both languages' fields, so a Korean word
inside a compound is found (조합 finds 협동조합, 상담 finds 금융상담), which a
full-text index that splits on spaces would miss. Each kind is one query
with a fixed limit; the kind facet counts come from the same results.
"""

from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from courses.models import CoursePage

from ..event_models import EventPage
from ..models import LinkedService
from ..selectors import organization_list

PER_KIND = 20
KINDS = {
    "page": gettext_lazy("Pages"),
    "course": gettext_lazy("Courses"),
    "service": gettext_lazy("Services"),
    "organization": gettext_lazy("Organizations"),
    "event": gettext_lazy("Events"),
}


def _all_words(words, *fields) -> Q:
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def site_search(*, query: str, language: str) -> dict[str, list[dict]]:
    """{kind: [{title, url, text}]} for `query` in `language`."""
    words = query.split()[:6]
    if not words:
        return {kind: [] for kind in KINDS}
    in_language = Q(locale__language_code=language)
    results: dict[str, list[dict]] = {}
    pages = (
        Page.objects.live()
        .public()
        .filter(in_language, depth__gt=1)
        .exclude(content_type__model__in=["coursepage", "eventpage", "lessonpage"])
        .filter(_all_words(words, "title", "search_description", "seo_title"))
        .order_by("path")[:PER_KIND]
    )
    results["page"] = [
        {"title": p.title, "url": p.url, "text": p.search_description} for p in pages
    ]
    courses = (
        CoursePage.objects.live()
        .public()
        .filter(in_language)
        .filter(_all_words(words, "title", "summary"))
        .order_by("title")[:PER_KIND]
    )
    results["course"] = [
        {"title": c.title, "url": c.url, "text": c.summary} for c in courses
    ]
    services = (
        LinkedService.objects.active()
        .with_target()
        .select_related("target_page")
        .filter(
            _all_words(
                words,
                "name",
                "name_en",
                "summary",
                "summary_en",
                "how_to_use",
                "how_to_use_en",
            )
        )[:PER_KIND]
    )
    results["service"] = [
        {"title": s.display_name, "url": s.target(), "text": s.display_summary}
        for s in services
    ]
    organizations = organization_list(query=query)[:PER_KIND]
    results["organization"] = [
        {
            "title": str(o.organization),
            "url": o.get_absolute_url(),
            "text": o.display_summary,
        }
        for o in organizations
    ]
    events = (
        EventPage.objects.live()
        .public()
        .filter(in_language)
        .filter(_all_words(words, "title", "summary", "organiser"))
        .order_by("starts_at")[:PER_KIND]
    )
    results["event"] = [
        {"title": e.title, "url": e.url, "text": e.summary} for e in events
    ]
    return results


@require_GET
def search(request):
    query = (request.GET.get("q") or "").strip()[:100]
    kind = request.GET.get("kind", "")
    results = site_search(query=query, language=get_language() or "ko")
    facets = [(key, label, len(results[key])) for key, label in KINDS.items()]
    shown = (
        [(kind, KINDS[kind], results[kind])]
        if kind in KINDS
        else [(key, KINDS[key], results[key]) for key in KINDS if results[key]]
    )
    return render(
        request,
        "cms/town/search.html",
        {
            "query": query,
            "kind": kind if kind in KINDS else "",
            "facets": facets,
            "shown": shown,
            "total": sum(len(r) for r in results.values()),
            "title": _("Search"),
        },
    )
