"""Where a person lands after signing in, when no `next` says otherwise.

Accounts (the lowest layer) signs people in, but the pages people work on
belong to the apps above it: learning's dashboard for learners, its teaching
page for instructors and staff. Each app registers, in its `wagtail_hooks.py`,
a function under the Wagtail hook `landing_url` that answers a URL for the
request's user, or None; the hook with the lowest `order` that answers wins:

    @hooks.register(LANDING_URL_HOOK, order=10)
    def teaching_landing(request) -> str | None: ...
"""

from django.conf import settings
from django.shortcuts import resolve_url
from wagtail import hooks

LANDING_URL_HOOK = "landing_url"


def landing_url_for(request) -> str:
    """The signed-in user's landing page (settings.LOGIN_REDIRECT_URL if no app
    has one for them)."""
    for provider in hooks.get_hooks(LANDING_URL_HOOK):
        url = provider(request)
        if url:
            return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)
