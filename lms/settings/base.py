"""Settings shared by every environment; every value comes from the environment.

The embedded defaults (SQLite, eager Celery, local-memory cache, console e-mail)
let `make run` work on a machine that has nothing but Python.
"""

from pathlib import Path

import environ
from csp.constants import NONCE as CSP_NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The public base URL of every absolute link (certificates, sitemap, calendars,
# e-mails): see lms/core/site_url.py. Empty in development: the request's host.
SITE_URL = env("SITE_URL", default="")

INSTALLED_APPS = [
    # Campus, highest layer first (see DESIGN.md)
    "cms",
    "lms.partners",
    "certificates",
    "lms.lodging",
    "lms.timetable",
    "lms.community",
    "lms.learning",
    "courses",
    "research_portal",
    "lms.accounts",
    "lms.core",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # The file library
    "filer",
    "easy_thumbnails",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.kakao",
    "allauth.socialaccount.providers.naver",
    "allauth.socialaccount.providers.google",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    # API and tasks
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    # object permissions as predicates (each app's permissions.py)
    "rules",
    # Operations: Prometheus metrics at /metrics (lms/core/metrics.py)
    "django_prometheus",
    # Content-Security-Policy (lms/core/security.py)
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's list of sessions
]

MIDDLEWARE = [
    # the request id, Permissions-Policy and Cross-Origin-Resource-Policy
    "lms.core.security.edge_middleware",
    "django.middleware.security.SecurityMiddleware",
    # django-csp, with the admin's script policy
    "lms.core.security.CampusCSPMiddleware",
    # cached anonymous pages, with every header above and before anything
    # below: sessions, locale (the URL decides the language) and routing
    "lms.core.page_cache.AnonymousPageCacheMiddleware",
    "lms.core.site_url.PublicBaseUrlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LTI paths: their own SameSite=None session cookie and frame-ancestors
    "lms.partners.lti.middleware.LtiSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.core.lazy_messages.LazyMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # after authentication: staff owe a second factor, everyone current consent
    "lms.accounts.middleware.AccountGateMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.core.page_cache.CachedSiteMiddleware",
    # axes last, so that it sees the outcome of authentication
    "axes.middleware.AxesMiddleware",
]

# Browser defences (lms/core/security.py). Scripts only from our own files or
# with the response's nonce, never inline; styles may be inline because the
# Wagtail admin sets style attributes. Violations are reported to /csp-report.
# CSP_REPORT_ONLY=true sends the same policy as a report (rollout first).
_CSP_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", CSP_NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "report-uri": "/csp-report",
    }
}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP_POLICY
else:
    CONTENT_SECURITY_POLICY = _CSP_POLICY
CSP_REPORT_RATE = env("CSP_REPORT_RATE", default="30/m")
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "serial=(), bluetooth=(), interest-cohort=()"
)

# Prometheus metrics (django-prometheus): request latency by view, database and
# cache timings; the page itself is guarded (lms/core/metrics.py).
METRICS_ENABLED = env.bool("METRICS_ENABLED", default=True)
METRICS_TOKEN = env("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = env.list(
    "METRICS_ALLOWED_NETWORKS", default=["127.0.0.1/32", "::1/128"]
)
if METRICS_ENABLED:
    # django-prometheus's metrics of requests, in one step (lms/core/metrics.py)
    MIDDLEWARE = ["lms.core.metrics.metrics_middleware", *MIDDLEWARE]

ROOT_URLCONF = "lms.urls"
# checkbox labels without a colon (lms/core/forms.py)
FORM_RENDERER = "lms.core.forms.CampusFormRenderer"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", 0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://campus")}

# With metrics on, the database and the cache report their timings to Prometheus
# through django-prometheus's thin wrappers of the same backends.
_METERED_BACKENDS = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
    "django_redis.cache.RedisCache": (
        "django_prometheus.cache.backends.redis.RedisCache"
    ),
    # not django-prometheus's LocMemCache: it answers a cached falsy value
    # (0, [], "") as a miss, which costs the page cache its queries
}
if env.bool("METRICS_ENABLED", default=True):
    for _db in DATABASES.values():
        _db["ENGINE"] = _METERED_BACKENDS.get(_db["ENGINE"], _db["ENGINE"])
    for _cache in CACHES.values():
        _cache["BACKEND"] = _METERED_BACKENDS.get(_cache["BACKEND"], _cache["BACKEND"])

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses locked-out credentials before any other backend runs
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
    # object permissions: the django-rules of each app (lms/learning/permissions.py)
    "rules.permissions.ObjectPermissionBackend",
]
_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# pages restricted to signed-in people send visitors to the site's own log-in
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "accounts:profile"
# after sign-in: `next`, else the landing page of the person's role (lms.core.landing)
ACCOUNT_ADAPTER = "lms.accounts.adapter.AccountAdapter"

# django-allauth: e-mail is the login, and it must be verified
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Campus] "
ACCOUNT_RATE_LIMITS = {"login_failed": None}  # django-axes owns lock-out
# never mails the stand-in address of a provider account without e-mail
# the consent items (PIPA) are part of every sign-up form, by e-mail or provider
ACCOUNT_SIGNUP_FORM_CLASS = "lms.accounts.forms.ConsentSignupForm"

# Sign-in with Kakao, Naver and Google. A provider appears only when its keys are
# set; with none set there are no buttons. Every provider sign-up shows the
# consent form (no automatic sign-up), and an e-mail a provider vouches for
# never signs anyone into an existing account: they sign in once and link it.
SOCIALACCOUNT_ADAPTER = "lms.accounts.social.CampusSocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_FORMS = {"signup": "lms.accounts.social_forms.CampusSocialSignupForm"}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# Kakao may give no e-mail: the account is then keyed on the provider's id and
# an e-mail is asked for (and verified) before anything that needs one
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "optional"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False


def _social_provider(client_id: str, secret: str, **extra) -> dict:
    if not client_id:
        return {}
    return {"APPS": [{"client_id": client_id, "secret": secret, "key": ""}], **extra}


SOCIALACCOUNT_PROVIDERS = {
    name: config
    for name, config in {
        "kakao": _social_provider(
            env("KAKAO_CLIENT_ID", default=""),
            env("KAKAO_CLIENT_SECRET", default=""),
            SCOPE=["profile_nickname", "account_email"],
        ),
        "naver": _social_provider(
            env("NAVER_CLIENT_ID", default=""), env("NAVER_CLIENT_SECRET", default="")
        ),
        "google": _social_provider(
            env("GOOGLE_CLIENT_ID", default=""),
            env("GOOGLE_CLIENT_SECRET", default=""),
            SCOPE=["profile", "email"],
        ),
    }.items()
    if config
}

# Two-factor sign-in (allauth.mfa): an authenticator app and recovery codes for
# everyone who wants them; staff and superusers must set one up at sign-in
# (lms.accounts.middleware) once their grace period is over.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Campus"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool(
    "MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=False
)
ACCOUNTS_STAFF_MFA_GRACE_DAYS = env.int("ACCOUNTS_STAFF_MFA_GRACE_DAYS", default=0)

# Active sessions on the profile page (allauth.usersessions), recorded at sign-in.
# Tracking every request would add a write to each page a signed-in person sees.
USERSESSIONS_TRACK_ACTIVITY = False

# django-axes: lock an e-mail + address pair after repeated failures
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "lms.accounts.axes.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "lms" / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
# one set of date and time formats in both languages (lms/core/formats.py)
FORMAT_MODULE_PATH = ["lms.core.locale_formats"]
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "Campus"
WAGTAILADMIN_BASE_URL = SITE_URL or "http://127.0.0.1:8000"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# no avatars from gravatar: staff e-mail hashes stay here, and it works offline
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "hwp",
    "hwpx",
    "txt",
    "csv",
    "zip",
]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS: list[Path] = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Learners' uploads (assignment files) live outside MEDIA_ROOT and are served
# only through views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(
    env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# django-filer: the file library; files are private unless a folder says otherwise
FILER_ENABLE_PERMISSIONS = True
FILER_CANONICAL_URL = "files/"
THUMBNAIL_HIGH_RESOLUTION = True
THUMBNAIL_PROCESSORS = (
    "easy_thumbnails.processors.colorspace",
    "easy_thumbnails.processors.autocrop",
    "filer.thumbnail_processors.scale_and_crop_with_subject_location",
    "easy_thumbnails.processors.filters",
)

# EMAIL_URL: consolemail:// by default, smtp+tls://user:password@host:587 in production
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Campus <campus@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=[])
# the demo's local mailbox (lms.core.mailbox), read by staff at /mailbox/
MAILBOX_DIR = env("MAILBOX_DIR", default=str(BASE_DIR / "mailbox"))
# Django serves MEDIA_URL itself (the embedded default, lms.settings.dev)
SERVE_MEDIA = False

# Lodging: how long a bed is held for a learner to confirm it
LODGING_HOLD_MINUTES = env.int("LODGING_HOLD_MINUTES", default=30)

# Celery: with no broker configured, tasks run eagerly in-process
_BROKER = env("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = _BROKER or "memory://localhost/"
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=_BROKER or None)
CELERY_TASK_ALWAYS_EAGER = not _BROKER
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# LTI 1.3 tool: the key that encrypts our private keys at rest, clock leeway,
# how long a retired key stays published, the demo platform (dev only)
LTI_KEY_ENCRYPTION_KEY = env("LTI_KEY_ENCRYPTION_KEY", default="")
LTI_CLOCK_LEEWAY = env.int("LTI_CLOCK_LEEWAY", default=60)
LTI_MAX_TOKEN_AGE = env.int("LTI_MAX_TOKEN_AGE", default=600)
LTI_KEY_OVERLAP_DAYS = env.int("LTI_KEY_OVERLAP_DAYS", default=7)
LTI_SESSION_COOKIE_NAME = "campus_lti_session"
LTI_DEMO_PLATFORM = env.bool("LTI_DEMO_PLATFORM", default=False)

# Certificates: serial numbers, the Open Badges signing key, verification limits.
# The Hangul font comes from requirements-fonts.txt unless paths are given here.
CERTIFICATES_SERIAL_PREFIX = env("CERTIFICATES_SERIAL_PREFIX", default="JBSE")
CERTIFICATES_SIGNING_KEY = env("CERTIFICATES_SIGNING_KEY", default="")
CERTIFICATES_SIGNING_KEY_FILE = env("CERTIFICATES_SIGNING_KEY_FILE", default="")
CERTIFICATES_ISSUER_EMAIL = env("CERTIFICATES_ISSUER_EMAIL", default="")
# One table of rate limits (lms/core/ratelimit.py): django-ratelimit rates per
# `app.action`, every rate of a row applies; one 429 page answers them all.
RATE_LIMITS = {
    "certificates.verify": [env("CERTIFICATES_VERIFY_RATE", default="60/m")],
    "certificates.lookup": [env("CERTIFICATES_LOOKUP_RATE", default="10/m")],
    "community.thread": ["5/10m", "20/d"],
    "community.post": ["10/m", "120/h"],
    "community.flag": ["20/h"],
    "community.vote": ["60/m"],
    "community.group": ["5/d"],
    "community.invite": ["30/h"],
    "community.booking": ["10/h"],
}
RATELIMIT_VIEW = "lms.core.ratelimit.ratelimited_view"
CERTIFICATES_FONT_REGULAR = env("CERTIFICATES_FONT_REGULAR", default="")
CERTIFICATES_FONT_BOLD = env("CERTIFICATES_FONT_BOLD", default="")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Campus API",
    "DESCRIPTION": "The REST API of Campus, the learning platform of the "
    "Social Economy Network Innovation Town education center.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["lms.core.openapi.public_api_only"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PublicationTypeEnum": "research_portal.models.PublicationType",
    },
}

# Every record carries the request id (lms/core/request_id.py); production
# writes one JSON object a line (see production.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lms.core.request_id.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env("LOG_FORMAT", default="plain"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Outbound HTTP (lms/core/outbound.py): webhooks, feeds, JWKS, link checks.
# Private, loopback and link-local addresses are refused unless listed here
# (hostnames, IP addresses or networks such as 10.20.0.0/16).
OUTBOUND_ALLOWED_HOSTS = env.list("OUTBOUND_ALLOWED_HOSTS", default=[])
OUTBOUND_TIMEOUT = env.float("OUTBOUND_TIMEOUT", default=5.0)
OUTBOUND_MAX_BYTES = env.int("OUTBOUND_MAX_BYTES", default=2 * 1024 * 1024)
OUTBOUND_USER_AGENT = f"Campus (+{SITE_URL or WAGTAILADMIN_BASE_URL})"
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=6)
MAIL_RETRY_BACKOFF = env.int("MAIL_RETRY_BACKOFF", default=30)
