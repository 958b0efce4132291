"""Settings come from the environment, and production is safe by default."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
    "DJANGO_ALLOWED_HOSTS": "campus.example.org",
    "DATABASE_URL": "postgres://campus@db.internal:5432/campus",
    "CACHE_URL": "redis://cache.internal:6379/1",
    "CELERY_BROKER_URL": "redis://cache.internal:6379/0",
    "SITE_URL": "https://campus.example.org",
}


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))
    }
    clean.pop("CELERY_BROKER_URL", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(env: dict[str, str], *names: str) -> list[str]:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        + "; ".join(f"print(repr({name}))" for name in names)
    )
    result = _run(code, env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_database_cache_and_broker_come_from_the_environment():
    lines = _settings(
        PRODUCTION_ENV,
        "s.DATABASES['default']['ENGINE']",
        "s.DATABASES['default']['HOST']",
        "s.CACHES['default']['LOCATION']",
        "s.CELERY_BROKER_URL",
        "s.CELERY_TASK_ALWAYS_EAGER",
        "s.DEBUG",
    )
    assert lines == [
        # django-prometheus's metered wrapper of Django's PostgreSQL backend
        "'django_prometheus.db.backends.postgresql'",
        "'db.internal'",
        "'redis://cache.internal:6379/1'",
        "'redis://cache.internal:6379/0'",
        "False",
        "False",
    ]


def test_embedded_defaults_need_nothing_installed():
    lines = _settings(
        {"DJANGO_SETTINGS_MODULE": "lms.settings.dev"},
        "s.DATABASES['default']['ENGINE']",
        "s.CELERY_TASK_ALWAYS_EAGER",
        "s.CACHES['default']['BACKEND']",
        "s.EMAIL_BACKEND",
    )
    assert lines == [
        "'django_prometheus.db.backends.sqlite3'",
        "True",
        "'django.core.cache.backends.locmem.LocMemCache'",
        # the local mailbox staff read at /mailbox/ (and the console)
        "'lms.core.mailbox.MailboxBackend'",
    ]


def test_without_metrics_the_backends_are_djangos_own():
    lines = _settings(
        {**PRODUCTION_ENV, "METRICS_ENABLED": "false"},
        "s.DATABASES['default']['ENGINE']",
        "s.CACHES['default']['BACKEND']",
        "'django_prometheus.middleware.PrometheusBeforeMiddleware' in s.MIDDLEWARE",
    )
    assert lines == [
        "'django.db.backends.postgresql'",
        "'django_redis.cache.RedisCache'",
        "False",
    ]


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _run("import django; django.setup()", env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_cache_is_not_shared():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "CACHE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={**{k: v for k, v in os.environ.items() if k != "CACHE_URL"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "campus.W001" in result.stdout + result.stderr
