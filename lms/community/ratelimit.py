"""Per-person rate limits against spam, counted in the cache.

Fixed windows: the first action of a window creates its counter with the
window as timeout (`cache.add`), later ones increment it. With Redis as the
cache every web process shares the count; with the local-memory cache (the
embedded default) each process counts alone, which is fine for one process.

Limits are `(count, seconds)` pairs per action; `COMMUNITY_RATE_LIMITS` in
the Django settings overrides any of them.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

DEFAULT_LIMITS: dict[str, list[tuple[int, int]]] = {
    # 5 threads in 10 minutes, 20 a day
    "thread": [(5, 600), (20, 86_400)],
    # 10 replies a minute, 120 an hour
    "post": [(10, 60), (120, 3_600)],
    "flag": [(20, 3_600)],
    "vote": [(60, 60)],
    "group": [(5, 86_400)],
    "invite": [(30, 3_600)],
    "booking": [(10, 3_600)],
}


class RateLimited(Exception):
    """Too many actions of one kind; `retry_after` is in seconds."""

    def __init__(self, *, retry_after: int):
        self.retry_after = retry_after
        self.message = _(
            "You are doing that too often. Please wait a little and try again."
        )
        super().__init__(self.message)


def _limits(action: str) -> list[tuple[int, int]]:
    overrides = getattr(settings, "COMMUNITY_RATE_LIMITS", {}) or {}
    return [tuple(pair) for pair in overrides.get(action, DEFAULT_LIMITS[action])]


def rate_limit_hit(*, user, action: str) -> None:
    """Count one `action` by `user`; raise RateLimited if a limit is passed.

    Staff are not limited: they clean up, announce and import in bulk.
    """
    if getattr(user, "is_staff", False):
        return
    for count, seconds in _limits(action):
        key = f"community:rate:{action}:{seconds}:{user.pk}"
        if cache.add(key, 1, timeout=seconds):
            used = 1
        else:
            try:
                used = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=seconds)
                used = 1
        if used > count:
            raise RateLimited(retry_after=seconds)
