"""A page cache for anonymous visitors.

Catalog and course pages are read far more often than they change, and mostly
by visitors who are not signed in. Their rendered responses are kept in the
cache per page, language and query string. A site-wide version number, raised
whenever content that such pages show is published or changed, retires every
cached copy at once; a short timeout bounds what it does not see (seat counts).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.response import SimpleTemplateResponse

VERSION_KEY = "campus:page-cache-version"
DEFAULT_TIMEOUT = 60


def page_cache_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def page_cache_clear() -> None:
    """Retire every cached page (call after publishing or changing content)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _cacheable(request) -> bool:
    """Anonymous GETs with no session and no pending messages."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def _key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"campus:page:{page_cache_version()}:{language}:{digest}"


class AnonymousPageCacheMiddleware:
    """Answer from the page cache before URL routing and the rest of the stack.

    Placed right after LocaleMiddleware (the key needs the language). Only
    pages that opted in with AnonymousPageCacheMixin are ever stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _cacheable(request):
            response = cache.get(_key(request))
            if response is not None:
                response["X-Campus-Cache"] = "hit"
                return response
        return self.get_response(request)


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
            if isinstance(response, SimpleTemplateResponse):
                response.render()
            cache.set(_key(request), response, self.page_cache_timeout)
            response["X-Campus-Cache"] = "miss"
        return response
