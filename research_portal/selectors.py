"""Reads of the research portal: published publications, facets, people, labs.

`publication_list_published()` is the one door to "what the public may see";
the index, OAI-PMH, feeds and the partners API start from it.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from lms.core.page_cache import version_cached

from .models import (
    LivingLabPage,
    Person,
    PublicationIndexPage,
    PublicationLanguage,
    PublicationPage,
    PublicationPageAuthor,
    PublicationPageFile,
    PublicationType,
    Series,
)

PAGE_SIZE = 20
# what a listing never shows: the PDFs' text and the summaries for the site
_NOT_LISTED = ("body", "body_en", "full_text", "search_text")

SORTS = {
    "newest": (_("Newest first"), ["-date_published", "-pk"]),
    "oldest": (_("Oldest first"), ["date_published", "pk"]),
    "title": (_("Title"), ["title", "pk"]),
}


def publication_list_published() -> QuerySet[PublicationPage]:
    """Every live, public publication, once (the source pages, not their aliases)."""
    return PublicationPage.objects.live().public().filter(alias_of__isnull=True)


def publication_list_with_people(queryset=None) -> QuerySet[PublicationPage]:
    """Publications with what a listing shows: series, people in order, files."""
    queryset = publication_list_published() if queryset is None else queryset
    return queryset.select_related("series").prefetch_related(
        Prefetch(
            "authors",
            queryset=PublicationPageAuthor.objects.select_related("person").order_by(
                "sort_order"
            ),
        ),
    )


def publication_list_newest(*, limit: int = 30) -> list[PublicationPage]:
    """The newest publications with their people: the feed and the partners API."""
    return list(
        publication_list_with_people().order_by("-date_published", "-pk")[:limit]
    )


def publication_get_published(*, pk: int) -> PublicationPage | None:
    return publication_list_with_people().filter(pk=pk).first()


@dataclass
class Facet:
    name: str
    label: str
    options: list[dict] = field(default_factory=list)


@dataclass
class PublicationSearch:
    """A page of results with its facets and the choices that led to it."""

    page: PaginatorPage
    count: int
    facets: list[Facet]
    query: str
    sort: str
    selected: dict


FILTERS = ("type", "year", "topic", "author", "series", "language")


def _filtered(queryset, *, query: str, selected: dict) -> QuerySet:
    for term in query.split()[:8]:
        queryset = queryset.filter(
            Q(search_text__icontains=term) | Q(full_text__icontains=term)
        )
    if selected.get("type"):
        queryset = queryset.filter(publication_type=selected["type"])
    if selected.get("year", "").isdigit():
        queryset = queryset.filter(date_published__year=int(selected["year"]))
    if selected.get("topic"):
        queryset = queryset.filter(topics__slug=selected["topic"])
    if selected.get("author"):
        queryset = queryset.filter(authors__person__slug=selected["author"])
    if selected.get("series"):
        queryset = queryset.filter(series__slug=selected["series"])
    if selected.get("language"):
        queryset = queryset.filter(language=selected["language"])
    return queryset


def publication_search(
    *, query: str = "", selected: dict | None = None, sort: str = "newest", page=1
) -> PublicationSearch:
    """Search and facet the published publications: six facets from three
    queries (type, year, series and language from one), however many there are."""
    selected = {k: v for k, v in (selected or {}).items() if k in FILTERS and v}
    sort = sort if sort in SORTS else "newest"
    base = _filtered(publication_list_published(), query=query, selected=selected)
    if selected.get("topic") or selected.get("author"):
        # the filtered ids, so that facets do not count the filters' joined rows
        matching = PublicationPage.objects.filter(pk__in=base.values("pk"))
    else:
        matching = base  # every filter is on the publication's own row
    facets, count = version_cached(
        _facets_key(query=query, selected=selected),
        lambda: (_facets(matching), matching.count()),
    )
    for facet in facets:
        facet.options = [
            {**option, "selected": selected.get(facet.name) == option["value"]}
            for option in facet.options
        ]
    listing = (
        publication_list_with_people(matching)
        .defer(*_NOT_LISTED)
        .order_by(*SORTS[sort][1])
    )
    paginator = Paginator(listing, PAGE_SIZE)
    paginator.count = count  # known: not counted again
    results = paginator.get_page(page)
    return PublicationSearch(
        page=results,
        count=count,
        facets=facets,
        query=query,
        sort=sort,
        selected=selected,
    )


def _facets_key(*, query: str, selected: dict) -> str:
    """Facets and the count are the same for everyone who asks the same thing,
    until a publication changes (the page-cache version moves)."""
    import hashlib

    from django.utils.translation import get_language

    asked = repr((query, sorted(selected.items())))
    digest = hashlib.sha256(asked.encode()).hexdigest()[:32]
    return f"research:facets:{get_language() or 'ko'}:{digest}"


def _facets(matching) -> list[Facet]:
    """The six facets with their counts, labels in the current language."""
    by_column = _facet_counts(matching)
    types = dict(PublicationType.choices)
    languages = dict(PublicationLanguage.choices)
    facets = [
        Facet(
            "type",
            _("Type"),
            [
                {"value": value, "label": types.get(value, value), "count": n}
                for value, n in sorted(
                    by_column["type"].items(), key=lambda item: (-item[1], item[0])
                )
            ],
        ),
        Facet(
            "year",
            _("Year"),
            [
                {"value": str(year), "label": str(year), "count": n}
                for year, n in sorted(by_column["year"].items(), reverse=True)
            ],
        ),
        Facet(
            "topic",
            _("Topic"),
            [
                {
                    "value": row["topics__slug"],
                    "label": _pick(row["topics__name"], row["topics__name_en"]),
                    "count": row["n"],
                }
                for row in matching.filter(topics__isnull=False)
                .values("topics__slug", "topics__name", "topics__name_en")
                .annotate(n=Count("pk", distinct=True))
                .order_by("-n", "topics__name")[:20]
            ],
        ),
        Facet(
            "author",
            _("Author"),
            [
                {
                    "value": row["authors__person__slug"],
                    "label": _pick(
                        row["authors__person__name"], row["authors__person__name_en"]
                    ),
                    "count": row["n"],
                }
                for row in matching.filter(authors__isnull=False)
                .values(
                    "authors__person__slug",
                    "authors__person__name",
                    "authors__person__name_en",
                )
                .annotate(n=Count("pk", distinct=True))
                .order_by("-n", "authors__person__name")[:20]
            ],
        ),
        Facet(
            "series",
            _("Series"),
            [
                {"value": slug, "label": _pick(name, name_en), "count": n}
                for (slug, name, name_en), n in sorted(
                    by_column["series"].items(), key=lambda item: (-item[1], item[0][1])
                )
            ],
        ),
        Facet(
            "language",
            _("Language"),
            [
                {"value": value, "label": languages.get(value, value), "count": n}
                for value, n in sorted(
                    by_column["language"].items(), key=lambda item: (-item[1], item[0])
                )
            ],
        ),
    ]
    return facets


def _facet_counts(matching) -> dict[str, Counter]:
    """The type, year, series and language counts from one grouped query: a
    row per combination that occurs, summed here by column."""
    rows = (
        matching.annotate(y=ExtractYear("date_published"))
        .values(
            "publication_type",
            "y",
            "language",
            "series__slug",
            "series__name",
            "series__name_en",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {"type": Counter(), "year": Counter(), "series": Counter()}
    counts["language"] = Counter()
    for row in rows:
        counts["type"][row["publication_type"]] += row["n"]
        counts["year"][row["y"]] += row["n"]
        counts["language"][row["language"]] += row["n"]
        if row["series__slug"]:
            series = (row["series__slug"], row["series__name"], row["series__name_en"])
            counts["series"][series] += row["n"]
    return counts


def _pick(korean: str, english: str) -> str:
    from django.utils.translation import get_language

    if english and (get_language() or "ko").startswith("en"):
        return english
    return korean


def person_get_public(*, slug: str) -> Person | None:
    return Person.objects.filter(slug=slug, public_profile=True).first()


def publication_list_by_person(*, person: Person) -> QuerySet[PublicationPage]:
    return (
        publication_list_with_people()
        .filter(authors__person=person)
        .distinct()
        .order_by("-date_published", "-pk")
    )


def series_get(*, slug: str) -> Series | None:
    return Series.objects.filter(slug=slug).first()


def publication_list_in_series(*, series: Series) -> QuerySet[PublicationPage]:
    return (
        publication_list_with_people()
        .filter(series=series)
        .order_by("-date_published", "-pk")
    )


def publication_page_context(*, page: PublicationPage, request) -> dict:
    """What the publication page shows: people in order, files, topics, versions."""
    source = page.canonical
    credits = list(
        PublicationPageAuthor.objects.filter(page=source)
        .select_related("person")
        .order_by("sort_order")
    )
    files = list(
        PublicationPageFile.objects.filter(page=source)
        .select_related("file")
        .order_by("sort_order")
    )
    signed_in_reader = reader_may_read_restricted(request)
    for item in files:
        item.may_download = item.is_open or (signed_in_reader and not item.is_embargoed)
    main = next((f for f in files if f.is_main), files[0] if files else None)
    return {
        "publication": source,
        "credits": credits,
        "creators": [c for c in credits if c.role in _creator_roles()],
        "files": files,
        "main_file": main,
        "topics": list(source.topics.all()),
        "series": source.series,
        "index_url": page.get_parent().url,
    }


def _creator_roles():
    from .models import CREATOR_ROLES

    return CREATOR_ROLES


def publication_file_get(*, page: PublicationPage, file_id: int):
    """One file of the publication (its source page's), or None."""
    return (
        PublicationPageFile.objects.filter(page=page.canonical, pk=file_id)
        .select_related("file")
        .first()
    )


def reader_may_read_restricted(request) -> bool:
    """Signed-in researchers and staff may read restricted files."""
    from lms.accounts.models import Role

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(
        user.is_staff or user.has_role(Role.RESEARCHER) or user.has_role(Role.STAFF)
    )


def living_lab_list_live(*, index_page) -> QuerySet[LivingLabPage]:
    return (
        LivingLabPage.objects.child_of(index_page)
        .live()
        .public()
        .order_by("-first_published_at")
    )


def living_lab_page_context(*, page: LivingLabPage) -> dict:
    source = (
        LivingLabPage.objects.get(pk=page.alias_of_id) if page.alias_of_id else page
    )
    return {
        "lab": source,
        "phases": list(source.phases.order_by("sort_order")),
        "partners": list(source.partners.all()),
        "lab_publications": list(
            publication_list_published()
            .filter(living_labs=source)
            .order_by("-date_published")
        ),
    }


def publication_index_for_locale(*, page: PublicationPage) -> PublicationIndexPage:
    return page.get_parent().specific


@dataclass(frozen=True)
class UsageFigures:
    """COUNTER's four item metrics for one item (and one month, where given)."""

    month: object = None
    investigations: int = 0
    unique_investigations: int = 0
    requests: int = 0
    unique_requests: int = 0


def _usage_aggregates():
    from django.db.models import Count

    return {
        "investigations": Count("id"),
        "unique_investigations": Count("session", distinct=True),
        "requests": Count("id", filter=Q(is_request=True)),
        "unique_requests": Count("session", distinct=True, filter=Q(is_request=True)),
    }


def month_starts(*, months: int, today=None) -> list:
    """The first days of the last `months` months, oldest first, in Seoul."""
    from django.utils import timezone

    today = today or timezone.localdate()
    first, starts = today.replace(day=1), []
    for _step in range(months):
        starts.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return starts[::-1]


def _usage_by_month(events, *, group_by: tuple = ()) -> list[dict]:
    """COUNTER's four metrics of `events` per month (and per `group_by`), in
    one query; each row's `month` is the first day of its month in Seoul."""
    from django.db.models.functions import TruncMonth

    rows = (
        events.annotate(month=TruncMonth("at"))
        .values(*group_by, "month")
        .annotate(**_usage_aggregates())
        .order_by(*group_by, "month")
    )
    return [{**row, "month": row["month"].date()} for row in rows]


def _month_after(month):
    if month.month == 12:
        return month.replace(year=month.year + 1, month=1)
    return month.replace(month=month.month + 1)


def usage_monthly(*, page: PublicationPage, months: int = 12) -> list[UsageFigures]:
    """The last `months` months of one publication's usage, one query, months
    without use included as zeros."""
    from .models import UsageEvent

    starts = month_starts(months=months)
    events = UsageEvent.objects.filter(page=page.canonical, at__date__gte=starts[0])
    by_month = {row["month"]: row for row in _usage_by_month(events)}
    return [UsageFigures(**by_month.get(start, {"month": start})) for start in starts]


def usage_report(*, start, end, pages=None) -> list[tuple[PublicationPage, dict]]:
    """Each publication's figures by month between the first days `start` and
    `end` (inclusive), for the item report: [(publication, {month: figures})].
    Publications without use in the period are left out. Two queries."""
    from .models import UsageEvent

    events = UsageEvent.objects.filter(
        at__date__gte=start, at__date__lt=_month_after(end)
    )
    if pages is not None:
        events = events.filter(page__in=pages)
    figures: dict[int, dict] = {}
    for row in _usage_by_month(events, group_by=("page_id",)):
        page_id = row.pop("page_id")
        figures.setdefault(page_id, {})[row["month"]] = UsageFigures(**row)
    publications = PublicationPage.objects.filter(pk__in=figures).order_by(
        "-date_published", "pk"
    )
    return [(page, figures[page.pk]) for page in publications]


def usage_pages_for(*, user) -> QuerySet[PublicationPage] | None:
    """Whose figures `user` may see: None for every publication (staff), else
    the publications they are a credited person of (a researcher's own)."""
    if user.is_staff:
        return None
    return PublicationPage.objects.filter(
        alias_of__isnull=True, authors__person__user=user
    ).distinct()


def publication_index_list_addable(*, user) -> list[PublicationIndexPage]:
    """The publication indexes (in the default locale) where `user` may add
    publications: researchers and staff, through their page permissions."""
    from wagtail.models import Locale

    if not user.is_authenticated:
        return []
    return [
        index
        for index in PublicationIndexPage.objects.filter(
            locale=Locale.get_default()
        ).order_by("path")
        if index.permissions_for_user(user).can_add_subpage()
    ]


def publication_list_for_api(
    *, selected: dict | None = None
) -> QuerySet[PublicationPage]:
    """Published publications narrowed by `selected` (the keys of FILTERS), with
    their series, people in order, topics and files: the same few queries
    however many there are (the partners API's list and detail)."""
    selected = {k: v for k, v in (selected or {}).items() if k in FILTERS and v}
    queryset = _filtered(publication_list_published(), query="", selected=selected)
    return publication_list_with_people(queryset).prefetch_related(
        "topics",
        Prefetch(
            "files",
            queryset=PublicationPageFile.objects.select_related("file").order_by(
                "sort_order"
            ),
        ),
    )
