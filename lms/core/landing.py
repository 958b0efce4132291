"""Where a person lands after signing in, when no `next` says otherwise.

Accounts (the lowest layer) signs people in, but the pages people work on
belong to the apps above it: learning's dashboard for learners, its teaching
page for instructors and staff. Each app registers a function that answers
a URL for the request's user, or None; the lowest `order` that answers wins.
"""

from collections.abc import Callable

from django.conf import settings
from django.shortcuts import resolve_url

_providers: dict[str, tuple[int, Callable]] = {}


def landing_provider_register(key: str, provider: Callable, *, order: int) -> None:
    _providers[key] = (order, provider)


def landing_url_for(request) -> str:
    """The signed-in user's landing page (settings.LOGIN_REDIRECT_URL if no app
    has one for them)."""
    for _order, provider in sorted(_providers.values(), key=lambda item: item[0]):
        url = provider(request)
        if url:
            return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)
