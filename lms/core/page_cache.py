"""A page cache for anonymous visitors.

Catalog and course pages are read far more often than they change, and mostly
by visitors who are not signed in. Their rendered responses are kept in the
cache per page, language and query string. A site-wide version number, raised
whenever content that such pages show is published or changed, retires every
cached copy at once; a short timeout bounds what it does not see (seat counts).

The same version keeps the parts of a page that every visitor shares, signed in
or not: a course's outline, the main menu, a page's translations
(`version_cached`). Those are rebuilt on the first request after a change.
"""

import hashlib
import re
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path
from wagtail.models import Site

VERSION_KEY = "campus:page-cache-version"
DEFAULT_TIMEOUT = 60
# a bound on what a change could slip past (a bulk update sends no signal)
PART_TIMEOUT = 600

T = TypeVar("T")

# the version read once per request: [] at its start, [version] once read
_request_version: ContextVar[list[int] | None] = ContextVar(
    "campus_page_cache_version", default=None
)


def page_cache_version() -> int:
    memo = _request_version.get()
    if memo:
        return memo[0]
    version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
    if memo is not None:
        memo.append(version)
    return version


def _version_raise() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def page_cache_clear() -> None:
    """Retire every cached page and part (call after changing content).

    Raised at once, and again when the transaction commits: a request that
    read the old rows in between would otherwise keep them under the new
    version.
    """
    _version_raise()
    memo = _request_version.get()
    if memo is not None:
        memo.clear()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_version_raise)


def page_cache_clear_on_save(sender, instance, **kwargs) -> None:
    """post_save/post_delete: pages, and what decides where they are and who
    sees them (view restrictions, sites, locales)."""
    from wagtail.models import BaseViewRestriction, Locale, Page

    if isinstance(instance, Page | BaseViewRestriction | Site | Locale):
        page_cache_clear()


def page_cache_clear_receiver(sender, **kwargs) -> None:
    """`page_cache_clear` as a signal receiver, for any change to what pages show."""
    page_cache_clear()


def version_cached(key: str, build: Callable[[], T]) -> T:
    """`build()`, kept in the cache under `key` until content changes.

    For what a page shows to everyone alike; `key` names the thing and what
    it depends on (a page id, a language). The value must pickle.
    """
    versioned = f"campus:part:{page_cache_version()}:{key}"
    value = cache.get(versioned)
    if value is None:
        value = build()
        cache.set(versioned, value, PART_TIMEOUT)
    return value


def _cacheable(request) -> bool:
    """Anonymous GETs with no session and no pending messages."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


# the paths Wagtail's serve view answers (wagtail.urls: `^((?:[\w\-]+/)*)$`),
# language prefix included: no other path can be a cached page
_PAGE_PATH = re.compile(r"^/(?:[\w\-]+/)*\Z")


@lru_cache(maxsize=4)
def _routed_elsewhere(urlconf: str) -> tuple[str, ...]:
    """The first path segments that URL patterns ahead of Wagtail's pages take
    (`/admin/`, `/accounts/`, `/learn/`...), with or without a language
    prefix: such a path never reaches a page, so it is never looked up.

    Only literal routes count; an include without a prefix or a regex pattern
    is left alone (its paths are looked up, as any other).
    """
    from django.urls import get_resolver
    from django.urls.resolvers import LocalePrefixPattern, RoutePattern

    prefixes: list[str] = []

    def walk(patterns) -> bool:
        for pattern in patterns:
            if isinstance(pattern.pattern, LocalePrefixPattern):
                if walk(pattern.url_patterns):
                    return True
                continue
            if getattr(pattern, "urlconf_name", None) == "wagtail.urls" or (
                getattr(pattern, "urlconf_module", None) is not None
                and getattr(pattern.urlconf_module, "__name__", "") == "wagtail.urls"
            ):
                return True  # Wagtail's pages: what comes after never routes
            if not isinstance(pattern.pattern, RoutePattern):
                continue
            head, slash, _rest = str(pattern.pattern).partition("/")
            if slash and head and "<" not in head:
                prefixes.append(f"/{head}/")
        return False

    walk(get_resolver(urlconf).url_patterns)
    return tuple(dict.fromkeys(prefixes))


def _page_path(path: str) -> bool:
    """Could Wagtail serve `path` as a page?"""
    if not _PAGE_PATH.match(path):
        return False
    language = get_language_from_path(path)
    bare = path[len(language) + 1 :] if language else path
    return not bare.startswith(_routed_elsewhere(settings.ROOT_URLCONF))


def _path_language(path: str) -> str:
    """The language of a page's URL, as LocaleMiddleware finds it for the site's
    i18n patterns (`prefix_default_language=False`): the prefix, or the default.
    """
    return get_language_from_path(path) or settings.LANGUAGE_CODE


def _key(request, language: str) -> str:
    """One entry per page, language and query string, whatever the version:
    the entry keeps the version it was stored under."""
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"campus:page:{language}:{digest}"


class AnonymousPageCacheMiddleware:
    """Answer from the page cache before sessions, locale, routing and the rest.

    Placed after the middleware that adds security headers and the request id
    to every response, and ahead of sessions and LocaleMiddleware: the key
    needs the language, which a page's URL alone decides. Only paths that
    Wagtail could serve are looked up, in one round trip for the version and
    the entry; only pages that opted in with AnonymousPageCacheMixin are ever
    stored. The version is read from the cache once per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set([])
        try:
            path = request.path_info
            if _cacheable(request) and _page_path(path):
                language = _path_language(path)
                key = _key(request, language)
                found = cache.get_many([VERSION_KEY, key])
                version = found.get(VERSION_KEY)
                if version is not None:
                    _request_version.get().append(version)
                    entry = found.get(key)
                    if entry is not None and entry[0] == version:
                        return self.hit(entry, path, language)
            return self.get_response(request)
        finally:
            _request_version.reset(token)

    @staticmethod
    def hit(entry: tuple, path: str, language: str) -> HttpResponse:
        """The stored page with what LocaleMiddleware would have added."""
        _version, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=dict(headers))
        if not get_language_from_path(path):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        response["X-Campus-Cache"] = "hit"
        return response


class AnonymousPageCacheMixin:
    """Serve anonymous GETs of a Wagtail page from the cache."""

    page_cache_timeout = DEFAULT_TIMEOUT

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if (
            _cacheable(request)
            and not request.user.is_authenticated
            and response.status_code == 200
            and not response.cookies
        ):
            language = _path_language(request.path_info)
            if getattr(
                request, "LANGUAGE_CODE", language
            ) != language or not _page_path(request.path_info):
                return response  # never looked up: the URL alone must decide
            if isinstance(response, SimpleTemplateResponse):
                response.render()
            # plain values: a hit unpickles bytes, not a response object
            entry = (
                page_cache_version(),
                response.status_code,
                tuple(response.headers.items()),
                response.content,
            )
            cache.set(_key(request, language), entry, self.page_cache_timeout)
            response["X-Campus-Cache"] = "miss"
        return response


def site_for_request(request) -> Site | None:
    """`Site.find_for_request`, answered from the cache.

    Wagtail finds the site of every page request with a query (joined to the
    root page) and then fetches the root page's specific row; the site is kept
    here with its specific root page until content changes. Wagtail keeps the
    answer on `request._wagtail_site`, where this puts it.
    """
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    try:
        hostname = split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return Site.find_for_request(request)

    def build() -> Site | None:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    request._wagtail_site = version_cached(
        f"site:{hostname}:{request.get_port()}", build
    )
    return request._wagtail_site


class CachedSiteMiddleware:
    """Look up the Wagtail site from the cache before Wagtail serves a page."""

    def __init__(self, get_response):
        from wagtail.views import serve

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.wagtail_serve:
            site_for_request(request)
