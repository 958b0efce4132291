"""One course in every language: which translation learners' records point at.

A course page and its lessons, quizzes and assignments exist once per
language (wagtail-localize translations that share a `translation_key`). What
happens to learners (runs, progress, attempts, submissions) belongs to the
course, not to one language of it, so those records point at one translation
of each page: its *canonical* page, the oldest of the translations (the
source page that the others were translated from). A new translation never
changes it, since it is newer than the page it translates.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from wagtail.models import Locale, Page

from lms.core.page_cache import version_cached


def _canonical_pk(translation_key) -> int | None:
    return version_cached(
        f"canonical-page:{translation_key}",
        lambda: (
            Page.objects.filter(translation_key=translation_key)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        ),
    )


def page_canonical(page: Any) -> Any:
    """The translation of `page` that records point at (`page` itself if it is it).

    At most one query (none when it is cached and `page` is the canonical one),
    remembered on the instance.
    """
    known = page.__dict__.get("_campus_canonical")
    if known is not None:
        return known
    pk = _canonical_pk(page.translation_key)
    if pk is None or pk == page.pk:
        canonical = page
    else:
        canonical = type(page)._default_manager.get(pk=pk)
    page.__dict__["_campus_canonical"] = canonical
    return canonical


def page_canonical_pk(page: Any) -> int:
    """The canonical page's id, without loading it."""
    known = page.__dict__.get("_campus_canonical")
    if known is not None:
        return known.pk
    pk = _canonical_pk(page.translation_key)
    return page.pk if pk is None else pk


def active_locale_id() -> int | None:
    """The locale of the active language, None if the site has no such locale."""
    code = translation.get_language() or ""
    return version_cached(
        f"locale-id:{code}",
        lambda: (
            Locale.objects.filter(language_code__in=[code, code.split("-")[0]])
            .values_list("pk", flat=True)
            .first()
        ),
    )


def pages_in_language(pages: Iterable[Any], *, model: Any = None) -> dict[Any, Any]:
    """For each page, its translation in the active language (itself when there
    is none), keyed by translation key; one query however many pages.
    """
    pages = [page for page in pages if page is not None]
    chosen = {page.translation_key: page for page in pages}
    locale_id = active_locale_id()
    missing = [page for page in pages if page.locale_id != locale_id]
    if locale_id is None or not missing:
        return chosen
    model = model or type(missing[0])
    for page in model._default_manager.filter(
        translation_key__in={page.translation_key for page in missing},
        locale_id=locale_id,
    ):
        chosen[page.translation_key] = page
    return chosen


def page_title_expression(path: str):
    """The title of the page at `path` (e.g. "run__course") in the active
    language, in SQL: its translation's title where there is one, else its own,
    for queries that read values rather than pages (no extra query)."""
    locale_id = active_locale_id()
    if locale_id is None:
        return F(f"{path}__title")
    translated = Page.objects.filter(
        translation_key=OuterRef(f"{path}__translation_key"), locale_id=locale_id
    ).values("title")[:1]
    return Coalesce(Subquery(translated), F(f"{path}__title"))
