"""What a new visitor notices first: the title, the icons, cards that lead
somewhere, and no avatars fetched from outside."""

import pytest
from django.conf import settings
from lxml import html

pytestmark = pytest.mark.django_db


def test_the_home_title_does_not_repeat_the_site_name(client, site_pages):
    title = html.fromstring(client.get("/").content).findtext(".//title")
    assert title == "사회적경제 혁신타운 교육센터 · 캠퍼스"
    title_en = html.fromstring(client.get("/en/").content).findtext(".//title")
    assert title_en.count("Campus") == 1


def test_every_page_names_icons_that_exist(client, site_pages):
    tree = html.fromstring(client.get("/").content)
    icons = tree.xpath(
        '//link[@rel="icon" or @rel="apple-touch-icon" or @rel="manifest"]'
    )
    assert len(icons) == 4
    for link in icons:
        assert client.get(link.get("href")).status_code == 200
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301
    assert client.get(favicon["Location"]).status_code == 200


def test_a_service_without_a_target_says_where_to_go(client, site_pages):
    page = client.get("/town/research-center/").content.decode()
    tree = html.fromstring(page)
    cards = tree.xpath('//section[@aria-labelledby="services-heading"]//li')
    assert cards
    for card in cards:
        linked = card.xpath(".//h3//a")
        where = card.xpath('.//a[@href="#visiting"]')
        assert linked or where, html.tostring(card)
    assert tree.xpath('//*[@id="visiting"]')


def test_a_service_with_no_target_and_no_visiting_facts_is_not_shown(
    client, site_pages
):
    from cms.models import TownSpacePage

    space = TownSpacePage.objects.get(
        slug="research-center", locale__language_code="ko"
    )
    space.location = space.opening_hours = space.contact = ""
    space.save_revision().publish()
    page = client.get("/town/research-center/").content.decode()
    assert "연구보고서" not in page


def test_the_admin_fetches_no_avatars_from_gravatar():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
