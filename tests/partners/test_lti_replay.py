"""A replayed launch is refused across processes: two gunicorn servers share
PostgreSQL and Redis, as production workers do, and the nonce is spent once.

Needs PostgreSQL (DATABASE_URL) and Redis: CACHE_URL when the suite's cache is
Redis, else TEST_REDIS_CACHE_URL (redis://127.0.0.1:6379/13 by default).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings

from lms.partners.models import LtiIdentity

from ..concurrency import in_parallel
from .lti_platform import LTI, FakePlatform

BASE_DIR = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def two_servers(postgresql, django_db_serialized_rollback, transactional_db):
    """Two gunicorn servers (one sync worker each) on the test database and
    the test's Redis cache."""
    redis_url = os.environ.get("CACHE_URL", "")
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        # the suite's cache is in-process: this test and its servers share Redis
        redis_url = os.environ.get("TEST_REDIS_CACHE_URL", "redis://127.0.0.1:6379/13")
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    }
    with override_settings(CACHES=shared):
        try:
            cache.clear()
        except Exception as error:  # noqa: BLE001 (any connection failure)
            give_up = (
                pytest.fail
                if os.environ.get("CAMPUS_REQUIRE_INTEGRATION")
                else pytest.skip
            )
            give_up(f"needs a shared Redis cache at {redis_url}: {error}")
        yield from _servers(redis_url)


def _servers(redis_url):
    db = connection.settings_dict
    env = {
        **os.environ,
        "CACHE_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
    }
    servers, urls = [], []
    try:
        for _ in range(2):
            port = _free_port()
            servers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "--workers=1",
                        f"--bind=127.0.0.1:{port}",
                        "--timeout=60",
                        "lms.wsgi:application",
                    ],
                    cwd=BASE_DIR,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 90
        for url, server in zip(urls, servers, strict=True):
            while True:
                if server.poll() is not None:
                    raise RuntimeError(server.stderr.read().decode()[-3000:])
                try:
                    urllib.request.urlopen(url + "/lti/jwks/", timeout=30)  # noqa: S310
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    assert time.monotonic() < deadline, "gunicorn did not start"
                    time.sleep(0.5)
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _request(url, data=None, cookie=""):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Cookie": cookie})  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(request, timeout=60)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    return response.status, response.headers, response.read()


def _login(server, fake, platform):
    query = urllib.parse.urlencode(
        {
            "iss": fake.issuer,
            "login_hint": "student-7",
            "target_link_uri": server + "/lti/launch/",
            "client_id": fake.client_id,
        }
    )
    status, headers, _body = _request(f"{server}/lti/login/{platform.uuid}/?{query}")
    assert status == 302
    location = urllib.parse.urlsplit(headers["Location"])
    params = urllib.parse.parse_qs(location.query)
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie"):
        cookies.load(header)
    cookie = "; ".join(f"{k}={v.value}" for k, v in cookies.items())
    return params["state"][0], params["nonce"][0], cookie


def test_a_replayed_launch_is_refused_by_another_worker(two_servers, course):
    from courses.models import LessonPage

    first, second = two_servers
    lesson = LessonPage.objects.descendant_of(course).first()
    fake = FakePlatform()
    platform = fake.register(jwks=fake.jwks())  # no outbound call from gunicorn
    claims = {LTI + "custom": {"campus_page": str(lesson.pk)}}

    state, nonce, cookie = _login(first, fake, platform)
    token = fake.sign(fake.claims(nonce=nonce, **claims))
    form = {"id_token": token, "state": state}
    status, _headers, body = _request(first + "/lti/launch/", form, cookie)
    assert status == 200 and b'name="lti-launch" content="ok"' in body
    # the same launch, at the other worker
    status, _headers, _body = _request(second + "/lti/launch/", form, cookie)
    assert status == 401
    # even with the login state still there, the nonce is spent for everyone
    entry = {"platform": platform.pk, "nonce": nonce, "login": {}, "storage": ""}
    cache.set("lti:state:" + state, entry, 600)
    status, _headers, body = _request(second + "/lti/launch/", form, cookie)
    assert status == 401 and b"lti_replay" in body
    assert LtiIdentity.objects.count() == 1


def test_simultaneous_replays_at_two_workers_land_once(two_servers, course):
    from courses.models import LessonPage

    lesson = LessonPage.objects.descendant_of(course).first()
    fake = FakePlatform()
    platform = fake.register(jwks=fake.jwks())
    claims = {LTI + "custom": {"campus_page": str(lesson.pk)}}
    for _round in range(3):
        state, nonce, cookie = _login(two_servers[0], fake, platform)
        form = {
            "id_token": fake.sign(fake.claims(nonce=nonce, **claims)),
            "state": state,
        }
        results, errors = in_parallel(
            lambda server, form=form, cookie=cookie: _request(
                server + "/lti/launch/", form, cookie
            )[0],
            two_servers * 2,
        )
        assert errors == []
        assert sorted(results) == [200, 401, 401, 401]
