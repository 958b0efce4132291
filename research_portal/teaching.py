"""What teaching needs from the research portal: short citations of course
readings, and the "used in courses" list of a publication.

`research_portal` never imports `courses` (DESIGN.md, layers). A higher layer
says where a publication is taught by registering a function under the
Wagtail hook `research_publication_used_in`; it is called as
`fn(publication=<source PublicationPage>, request=request)` and returns a list
of `UsedIn`, in the reader's language, from a fixed number of queries.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from . import citations
from .models import PublicationPage
from .selectors import publication_list_with_people

USED_IN_HOOK = "research_publication_used_in"


@dataclass(frozen=True)
class UsedIn:
    """A place a publication is taught, e.g. a course citing it."""

    title: str
    url: str


@dataclass(frozen=True)
class Reading:
    """A publication as a course cites it, in the reader's language."""

    publication: PublicationPage  # the source page, with its people and series
    url: str  # its page in the reader's language
    title: str
    citation: str  # APA, in the reader's language


def _english() -> bool:
    return (get_language() or "ko").startswith("en")


def publication_readings(*, ids: Iterable[int], request=None) -> dict[int, Reading]:
    """The live, public publications among `ids` (source pages or their
    translations and aliases), keyed by the id given; others are left out.

    Four queries whatever the number of ids.
    """
    ids = {pk for pk in ids if pk}
    if not ids:
        return {}
    source_of = {
        pk: alias_of or pk
        for pk, alias_of in Page.objects.filter(pk__in=ids).values_list(
            "pk", "alias_of_id"
        )
    }
    sources = {
        page.pk: page
        for page in publication_list_with_people().filter(
            pk__in=set(source_of.values())
        )
    }
    language = get_supported_content_language_variant(get_language() or "ko")
    localized = {
        page.alias_of_id or page.pk: page
        for page in PublicationPage.objects.live()
        .filter(
            Q(pk__in=sources) | Q(alias_of_id__in=sources),
            locale__language_code=language,
        )
        .only("pk", "alias_of_id", "url_path", "slug", "locale_id", "depth", "path")
    }
    english = _english()
    base_url = request.build_absolute_uri("/") if request is not None else "/"
    readings = {}
    for pk, source_pk in source_of.items():
        source = sources.get(source_pk)
        if source is None:
            continue
        shown = localized.get(source_pk, source)
        data = citations.citation_data(
            page=source, credits=source.authors.all(), base_url=base_url
        )
        readings[pk] = Reading(
            publication=source,
            url=shown.get_url(request),
            title=source.display_title,
            citation=citations.formatted(data, style="apa", english=english),
        )
    return readings


def publication_used_in(*, publication: PublicationPage, request) -> list[UsedIn]:
    """Where the publication is taught: what every registered hook says."""
    used_in: list[UsedIn] = []
    for used_in_for in hooks.get_hooks(USED_IN_HOOK):
        used_in.extend(used_in_for(publication=publication, request=request))
    return used_in
