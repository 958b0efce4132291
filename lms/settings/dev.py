"""Local development: `make run`. Debug on, everything embedded."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)

# the demo partner's webhook endpoint is this site itself (lms.partners.demo)
OUTBOUND_ALLOWED_HOSTS = env.list(
    "OUTBOUND_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"]
)
