"""The embedded default: `make run` (and `make dev` for developers).

`make run` shows the site as its users will see it: DEBUG off (the project's
own 404 and 500 pages), static files served by whitenoise straight from the
apps (no collectstatic), uploaded media served by Django. `make dev` turns
DEBUG on (DJANGO_DEBUG=1). E-mail is printed and kept in a local mailbox that
staff read at /mailbox/.
"""

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)
# passkeys on http://127.0.0.1 during development
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool(
    "MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=True
)
LTI_DEMO_PLATFORM = env.bool("LTI_DEMO_PLATFORM", default=True)

# whitenoise serves the apps' static files without collectstatic, DEBUG or not
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# one machine, no web server in front: Django serves uploaded media too
SERVE_MEDIA = True

if not env("EMAIL_URL", default=""):
    EMAIL_BACKEND = "lms.core.mailbox.MailboxBackend"
MAILBOX_DIR = env("MAILBOX_DIR", default=str(BASE_DIR / "mailbox"))

# the demo partner's webhook endpoint is this site itself (lms.partners.demo)
OUTBOUND_ALLOWED_HOSTS = env.list(
    "OUTBOUND_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"]
)
