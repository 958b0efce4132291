"""System checks for deployments (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django_prometheus.cache.backends.locmem.LocMemCache",
)


@register(deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Every process must share the cache that the page-cache version lives in."""
    if settings.CACHES["default"]["BACKEND"] not in LOCAL_CACHES:
        return []
    return [
        Warning(
            "The default cache is local to each process.",
            hint=(
                "Set CACHE_URL to a Redis every gunicorn and Celery process "
                "shares: a change retires cached pages and parts only in the "
                "process that made it, and the others show old content for up "
                "to ten minutes."
            ),
            id="campus.W001",
        )
    ]
