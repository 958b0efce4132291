"""Local development: `make run`. Debug on, everything embedded."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)
# passkeys on http://127.0.0.1 during development
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool(
    "MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=True
)
LTI_DEMO_PLATFORM = env.bool("LTI_DEMO_PLATFORM", default=True)
