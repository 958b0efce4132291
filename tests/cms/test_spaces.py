"""Space pages: facilities, visiting, structured hours, open now and JSON-LD."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html

from cms.models import SpaceSpecialDay, TownSpacePage
from cms.selectors import service_list_for_space
from lms.core.page_cache import page_cache_clear

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
SPACE_PAGE_QUERIES = 18  # with the site shell (menus, footer) rebuilt once


def _jsonld(response) -> dict:
    tree = lxml_html.fromstring(response.content)
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def _at(freezer_moment, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: freezer_moment)


def test_every_space_has_its_facilities_hours_and_three_services(client, site_pages):
    for page in TownSpacePage.objects.filter(locale__language_code="ko"):
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert len(page.facilities) >= 3
        for block in page.facilities:
            assert block.value["name"] in html
        assert page.weekly_hours.exists()
        services = service_list_for_space(space=page.kind)
        assert len(services) >= 2
        for service in services:
            assert service.name in html
        assert "접근성" in html  # accessibility section


def test_space_page_carries_opening_hours_jsonld(client, site_pages):
    data = _jsonld(client.get("/town/finance-center/"))
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "금융센터"
    weekly = data["openingHoursSpecification"]
    # weekdays with a lunch break: two intervals a day
    assert len(weekly) == 10
    assert {"opens": "13:00", "closes": "17:00"}.items() <= weekly[1].items()
    special = data["specialOpeningHoursSpecification"]
    assert special and all(s["validFrom"] == s["validThrough"] for s in special)
    assert data["amenityFeature"][0]["@type"] == "LocationFeatureSpecification"


def test_open_now_and_opens_at_are_computed_in_seoul(client, site_pages, monkeypatch):
    # Monday 2026-12-07 08:00 in Seoul is Sunday 23:00 UTC
    _at(dt.datetime(2026, 12, 6, 23, 0, tzinfo=dt.UTC), monkeypatch)
    html = client.get("/town/education-center/").content.decode()
    assert "지금은 닫혀 있습니다" in html
    assert "09:00" in html
    page_cache_clear()
    _at(dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC), monkeypatch)  # 10:00 Seoul
    html = client.get("/en/town/education-center/").content.decode()
    assert "Open now" in html
    assert "closes at 18:00" in html


def test_special_day_closes_the_space_and_says_why(client, site_pages, monkeypatch):
    page = TownSpacePage.objects.get(
        slug="education-center", locale__language_code="ko"
    )
    SpaceSpecialDay.objects.create(
        page=page, date=dt.date(2026, 12, 8), closed=True, note="전기 점검"
    )
    _at(dt.datetime(2026, 12, 8, 3, 0, tzinfo=dt.UTC), monkeypatch)  # 12:00 Tuesday
    html = client.get("/town/education-center/").content.decode()
    assert "지금은 닫혀 있습니다" in html
    assert "전기 점검" in html


def test_space_page_query_count_is_fixed(client, site_pages, django_assert_num_queries):
    client.get("/town/fab-lab/")
    page_cache_clear()
    with django_assert_num_queries(SPACE_PAGE_QUERIES):
        client.get("/town/fab-lab/")
    page = TownSpacePage.objects.get(slug="fab-lab", locale__language_code="ko")
    for n in range(10):
        SpaceSpecialDay.objects.create(
            page=page, date=dt.date(2027, 3, 1) + dt.timedelta(days=n), closed=True
        )
    page_cache_clear()
    with django_assert_num_queries(SPACE_PAGE_QUERIES):
        client.get("/town/fab-lab/")


def test_english_space_page_is_in_english(client, site_pages):
    html = client.get("/en/town/exchange-plaza/").content.decode()
    assert "Open-air stage" in html
    assert "Accessibility" in html
    assert "야외무대" not in html


def test_sitemap_lists_both_languages_with_hreflang_alternates(client, site_pages):
    from lxml import etree

    response = client.get("/sitemap.xml")
    tree = etree.fromstring(response.content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    url = tree.xpath(
        "//s:url[s:loc[contains(text(), '/town/fab-lab/') and "
        "not(contains(text(), '/en/'))]]",
        namespaces=ns,
    )[0]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in url.xpath("x:link[@rel='alternate']", namespaces=ns)
    }
    assert alternates["ko"].endswith("/town/fab-lab/")
    assert alternates["en"].endswith("/en/town/fab-lab/")


def test_pages_carry_opengraph_tags(client, site_pages):
    tree = lxml_html.fromstring(client.get("/en/town/fab-lab/").content)

    def og(name):
        return tree.xpath(f'//meta[@property="og:{name}"]/@content')

    assert og("title") == ["Innovation fab lab"]
    assert og("locale") == ["en_US"] and og("locale:alternate") == ["ko_KR"]
    assert og("url")[0].endswith("/en/town/fab-lab/")
