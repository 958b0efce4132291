"""Loud failures for the day a Wagtail upgrade changes what the page cache and
the routing mixins lean on (docs/decisions/0001-page-cache.md).

lms/core/page_cache.py and lms/core/routing.py use a few Wagtail internals:
`request._wagtail_site`, `_cached_parent_obj`, the signature of `Page.route`,
`Page.get_view_restrictions` and `wagtail.views.serve` as the page view. Each
test pins one of them; when one fails, read the decision record before
"fixing" the test.
"""

import inspect

import pytest
from django.db.models.signals import post_delete, post_save
from django.test import RequestFactory
from django.urls import resolve
from wagtail.models import (
    Locale,
    Page,
    PageViewRestriction,
    Site,
    get_page_models,
)

from lms.accounts.models import User
from lms.core.page_cache import page_cache_clear_on_save

pytestmark = pytest.mark.django_db


def test_wagtail_keeps_the_site_on_request_wagtail_site():
    """site_for_request puts the cached site where Wagtail looks for it."""
    request = RequestFactory().get("/")
    marker = object()
    request._wagtail_site = marker
    assert Site.find_for_request(request) is marker
    fresh = RequestFactory().get("/")
    site = Site.find_for_request(fresh)
    assert fresh._wagtail_site is site


def test_treebeard_get_parent_uses_cached_parent_obj(django_assert_num_queries):
    """SpecificChildRouteMixin sets it, as Wagtail's own route does."""
    page = Page.objects.filter(depth=2).first()
    parent = Page.get_first_root_node()
    page._cached_parent_obj = parent
    with django_assert_num_queries(0):
        assert page.get_parent() is parent


def test_page_route_takes_request_and_path_components():
    """The routing mixins override `route(self, request, path_components)`."""
    assert list(inspect.signature(Page.route).parameters) == [
        "self",
        "request",
        "path_components",
    ]


def test_view_restrictions_are_a_queryset_of_page_view_restrictions():
    page = Page.objects.filter(depth=2).first()
    restrictions = Page.get_view_restrictions(page)
    assert restrictions.model is PageViewRestriction


def test_wagtail_serves_pages_through_wagtail_views_serve():
    """CachedSiteMiddleware recognises the page view by identity."""
    from wagtail.views import serve

    assert resolve("/").func is serve


def test_the_page_cache_is_retired_by_page_and_site_rows_only():
    """Receivers with named senders: any page model, restrictions, sites and
    locales; saving any other row (a user, say) runs no page-cache code."""

    def connected(signal, model):
        sync, asynchronous = signal._live_receivers(model)
        return page_cache_clear_on_save in sync + asynchronous

    for model in (Page, PageViewRestriction, Site, Locale, *get_page_models()):
        assert connected(post_save, model), model
        assert connected(post_delete, model), model
    assert not connected(post_save, User)
