"""Rate limits: django-ratelimit counts, one table of rates, one 429 page.

Every limit is a row of `RATE_LIMITS` in the settings, keyed `app.action`, each
a list of django-ratelimit rates ("5/10m", "20/d") that all apply. Views use
django-ratelimit's decorator with `rate=setting_rate` and the row's name as
`group`; services that count a person's actions (no request at hand) call
`rate_limit_hit`. Either way a refusal is the one 429 page,
`core/too_many_requests.html`, in the visitor's language.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from .errors import CampusError


class RateLimited(CampusError):
    """Too many actions of one kind; `retry_after` is in seconds."""

    code = "rate_limited"
    status = 429
    default_message = _(
        "You are doing that too often. Please wait a little and try again."
    )

    def __init__(self, message=None, *, retry_after: int = 60):
        super().__init__(message)
        self.retry_after = max(int(retry_after), 1)


def rates(name: str) -> list[str]:
    """The rates of the `RATE_LIMITS` row `name` (none: no limit)."""
    return list(getattr(settings, "RATE_LIMITS", {}).get(name, []))


def setting_rate(group: str, request) -> str | None:
    """For `@ratelimit(group="certificates.verify", rate=setting_rate)`."""
    found = rates(group)
    return found[0] if found else None


def rate_limit_hit(*, user, action: str) -> None:
    """Count one `action` ("community.thread") by `user`; RateLimited if any of
    its rates is passed. Staff are not limited: they clean up, announce and
    import in bulk."""
    if getattr(user, "is_staff", False):
        return
    for rate in rates(action):
        usage = get_usage(
            None,
            group=action,
            key=lambda group, request: str(user.pk),
            rate=rate,
            increment=True,
        )
        if usage and usage["should_limit"]:
            raise RateLimited(retry_after=usage["time_left"])


def too_many_requests(request, error: RateLimited | None = None, *, json=False):
    """The one 429 answer: a page (or problem JSON) with Retry-After."""
    error = error or RateLimited()
    if json:
        from .errors import problem_response

        response = problem_response(error, request=request)
    else:
        response = render(
            request,
            "core/too_many_requests.html",
            {"message": error.message},
            status=429,
        )
    response["Retry-After"] = str(error.retry_after)
    return response


def ratelimited_view(request, exception=None):
    """`RATELIMIT_VIEW`: what a blocking `@ratelimit` answers."""
    return too_many_requests(request)
