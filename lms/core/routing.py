"""Wagtail routing and view restrictions with fewer queries.

Wagtail's `Page.route` finds each URL segment's child page, then fetches its
specific row: two queries for every level of the tree, eleven for a lesson.

- `CachedRouteMixin`, on the root of a site (the home page), keeps where each
  URL leads, the specific page with its parents, until content changes
  (`lms.core.page_cache.version_cached`); a URL that leads nowhere is not kept.
- `SpecificChildRouteMixin`, on a page whose children are all of one type,
  fetches the specific child in one query when the route is worked out.
- `CachedViewRestrictionsMixin`: which view restrictions apply to a page
  (Wagtail asks its ancestors, then their restrictions, before serving it).
"""

import hashlib
from collections.abc import Callable

from django.db.models import QuerySet

from .page_cache import version_cached


class CachedRouteMixin:
    """Route below this page from the cache."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        digest = hashlib.sha256("/".join(path_components).encode()).hexdigest()[:32]
        return version_cached(
            f"route:{self.pk}:{digest}",
            lambda: super(CachedRouteMixin, self).route(request, path_components),
        )


class SpecificChildRouteMixin:
    """Route to children through `route_children()`, which the page defines: a
    queryset of its children of one page type.

    A child that queryset does not hold (another type, say) is routed by
    Wagtail as before.
    """

    route_children: Callable[[], QuerySet]

    def route(self, request, path_components):
        if path_components:
            child = self.route_children().filter(slug=path_components[0]).first()
            if child is not None:
                # what Wagtail's route does too, so that get_parent() needs no query
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class CachedViewRestrictionsMixin:
    """The view restrictions of the page and its ancestors, from the cache.

    Still a queryset, as Wagtail's admin expects; an empty one, for a page
    nobody restricted, runs no query.
    """

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if self.pk is None:
            return super().get_view_restrictions()
        ids = version_cached(
            f"view-restrictions:{self.pk}",
            lambda: list(
                super(CachedViewRestrictionsMixin, self)
                .get_view_restrictions()
                .values_list("pk", flat=True)
            ),
        )
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)
