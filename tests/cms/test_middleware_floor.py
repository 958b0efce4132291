"""The lighter middleware floor (bench/README.md, "Middleware floor").

Cached anonymous pages are answered before sessions and locale, plain views
skip the page cache, the site's CSP header is built once, metrics are recorded
in one step: each keeps what it replaced. The security headers themselves are
pinned in test_security_headers.py.
"""

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory

from lms.core import page_cache
from lms.core.security import CampusCSPMiddleware

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Cross-Origin-Resource-Policy",
    "Cross-Origin-Opener-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Request-ID",
    "Content-Language",
)


def _lookups(monkeypatch) -> list:
    calls = []
    real = page_cache.cache.get_many

    def counted(keys, *args, **kwargs):
        calls.append(list(keys))
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "get_many", counted)
    return calls


@pytest.mark.parametrize("path", ["/en/town/", "/town/"])
def test_a_cached_page_carries_every_header_the_rendered_one_did(
    client, site_pages, path
):
    miss = client.get(path)
    hit = client.get(path)
    assert (miss["X-Campus-Cache"], hit["X-Campus-Cache"]) == ("miss", "hit")
    assert hit.content == miss.content
    for header in SECURITY_HEADERS:
        assert hit[header], header
        if header not in {"X-Request-ID", "Content-Security-Policy"}:
            assert hit[header] == miss[header], header
    assert (
        "'unsafe-inline'"
        not in hit["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )
    assert hit["X-Request-ID"] != miss["X-Request-ID"]
    assert hit["Content-Type"] == miss["Content-Type"]
    # the language of a page's URL decides, as LocaleMiddleware would
    assert hit["Content-Language"] == ("en" if path.startswith("/en/") else "ko")
    if path == "/town/":
        assert "Accept-Language" in hit["Vary"]


def test_the_url_decides_the_language_of_a_cached_page_not_the_browser(
    client, site_pages
):
    korean = client.get("/town/").content
    english = client.get("/en/town/").content
    asked_english = client.get("/town/", HTTP_ACCEPT_LANGUAGE="en")
    assert asked_english["X-Campus-Cache"] == "hit"
    assert asked_english.content == korean != english
    client.cookies["django_language"] = "en"
    assert client.get("/town/").content == korean


def test_plain_views_never_look_in_the_page_cache(client, site_pages, monkeypatch):
    calls = _lookups(monkeypatch)
    for path in (
        "/robots.txt",
        "/healthz",
        "/badges/jwks.json",
        "/favicon.ico",
        # routed ahead of Wagtail's pages, in both languages
        "/accounts/login/",
        "/en/accounts/login/",
        "/learn/",
    ):
        client.get(path)
    assert calls == []
    client.get("/en/town/")
    assert len(calls) == 1  # the version and the page in one round trip


def test_a_signed_in_visitor_is_not_looked_up_nor_served_a_cached_page(
    client, site_pages, user, monkeypatch
):
    client.get("/en/town/")
    client.force_login(user)
    calls = _lookups(monkeypatch)
    response = client.get("/en/town/")
    assert calls == []
    assert "X-Campus-Cache" not in response


def test_an_entry_from_an_older_version_is_a_miss(client, site_pages):
    client.get("/en/town/")
    assert client.get("/en/town/")["X-Campus-Cache"] == "hit"
    page_cache.page_cache_clear()
    assert client.get("/en/town/")["X-Campus-Cache"] == "miss"


def _plain(request):
    return HttpResponse("plain")


def test_the_sites_csp_header_is_what_django_csp_builds():
    factory = RequestFactory()
    ours = CampusCSPMiddleware(_plain)(factory.get("/"))
    theirs = CSPMiddleware(_plain)(factory.get("/"))

    def directives(header):
        return sorted(part.strip() for part in header.split(";"))

    assert directives(ours["Content-Security-Policy"]) == directives(
        theirs["Content-Security-Policy"]
    )
    admin = CampusCSPMiddleware(_plain)(factory.get("/admin/"))
    assert (
        "'unsafe-inline'"
        in admin["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_a_response_with_a_nonce_gets_it_in_its_policy():
    template = engines["django"].from_string("<script nonce='{{ request.csp_nonce }}'>")

    def view(request):
        return HttpResponse(template.render({"request": request}))

    response = CampusCSPMiddleware(view)(RequestFactory().get("/"))
    nonce = response.content.decode().split("'")[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    plain = CampusCSPMiddleware(_plain)(RequestFactory().get("/"))
    assert "nonce-" not in plain["Content-Security-Policy"]


def test_metrics_are_recorded_by_view_with_the_page_cache_named(client, site_pages):
    client.get("/robots.txt")
    client.get("/en/town/")
    client.get("/en/town/")
    text = client.get("/metrics").content.decode()
    latency = "django_http_requests_latency_seconds_by_view_method_count"
    assert f'{latency}{{method="GET",view="robots"}}' in text
    assert f'{latency}{{method="GET",view="<page cache>"}}' in text
    assert (
        'django_http_responses_total_by_status_view_method_total{method="GET",'
        'status="200",view="robots"}' in text
    )


def test_templates_are_loaded_once_outside_debug():
    engine = engines["django"].engine
    assert not engine.debug
    assert [loader.__class__.__module__ for loader in engine.template_loaders] == [
        "django.template.loaders.cached"
    ]


def _with_messages(view):
    from django.contrib.sessions.middleware import SessionMiddleware

    from lms.core.lazy_messages import LazyMessageMiddleware

    return SessionMiddleware(LazyMessageMiddleware(view))


def test_messages_are_kept_for_the_next_page_and_cost_nothing_unused():
    from django.contrib import messages

    def adds(request):
        messages.info(request, "저장했습니다")
        return HttpResponse("added")

    added = _with_messages(adds)(RequestFactory().get("/"))
    assert "messages" in added.cookies and added.cookies["messages"].value

    def reads(request):
        return HttpResponse(" ".join(str(m) for m in messages.get_messages(request)))

    later = RequestFactory().get("/")
    later.COOKIES["messages"] = added.cookies["messages"].value
    shown = _with_messages(reads)(later)
    assert shown.content.decode() == "저장했습니다"
    assert shown.cookies["messages"].value == ""  # read: the cookie is cleared

    untouched = RequestFactory().get("/")
    response = _with_messages(_plain)(untouched)
    assert "messages" not in response.cookies
    from django.utils.functional import empty

    assert untouched._messages._wrapped is empty  # never made
