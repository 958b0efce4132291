"""The site shell: home pages in both languages, navigation, sitemap, errors."""

import pytest
from django.urls import reverse
from lxml import etree

from cms.demo import SPACES
from cms.models import TownSpacePage
from lms.core.page_cache import page_cache_clear

pytestmark = pytest.mark.django_db

# after a content change: the page, and the site shell (menus, footer) rebuilt once
HOME_QUERIES = 13


def test_korean_home_page_shows_the_town_and_its_six_spaces(client, site_pages):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "함께 배우고, 함께 일하는 사회적경제" in html
    for space in SPACES:
        assert space["ko"][0] in html
    assert 'href="/en/"' in html  # the language switcher


def test_english_home_page_is_complete(client, site_pages):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Learning and working together in the social economy" in html
    for space in SPACES:
        assert space["en"][0] in html
    assert "Skip to content" in html
    assert "혁신타운" not in html  # no Korean content leaks into the English page


def test_space_page_links_to_its_translation(client, site_pages):
    response = client.get("/town/fab-lab/")
    assert response.status_code == 200
    assert 'href="/en/town/fab-lab/"' in response.content.decode()
    assert "Innovation fab lab" in client.get("/en/town/fab-lab/").content.decode()


def test_home_page_query_count_does_not_grow_with_spaces(
    client, site_pages, django_assert_num_queries
):
    client.get("/")  # warm the site and locale caches
    page_cache_clear()  # measure rendering, not the page cache
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")
    town = site_pages.get_children().specific().get(slug="town")
    for n in range(10):
        town.add_child(
            instance=TownSpacePage(
                title=f"공간 {n}", slug=f"space-{n}", kind="exchange", summary="요약"
            )
        )
    page_cache_clear()
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert "공간 9" in response.content.decode()


def test_anonymous_pages_come_from_the_cache_without_queries(
    client, site_pages, django_assert_num_queries
):
    first = client.get("/en/town/")
    assert first["X-Campus-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/town/")
    assert second["X-Campus-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_retires_cached_pages(client, site_pages):
    client.get("/town/")
    town = site_pages.get_children().specific().get(slug="town")
    town.title = "새 제목"
    town.save_revision().publish()
    response = client.get("/town/")
    assert response["X-Campus-Cache"] == "miss"
    assert "새 제목" in response.content.decode()


def test_signed_in_visitors_never_get_a_cached_page(client, site_pages, user):
    client.get("/")
    client.force_login(user)
    response = client.get("/")
    assert "X-Campus-Cache" not in response
    assert user.display_name in response.content.decode()


def test_unknown_page_is_a_friendly_404_in_the_users_language(client, site_pages):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode() or (
        "찾을 수 없" in response.content.decode()
    )
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_sitemap_lists_pages_in_both_languages(client, site_pages):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    tree = etree.fromstring(response.content)
    locations = [el.text for el in tree.iter("{*}loc")]
    assert any(
        url.endswith("/town/education-center/") and "/en/" not in url
        for url in locations
    )
    assert any(url.endswith("/en/town/education-center/") for url in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_static_assets_are_served_locally(client, site_pages):
    html = client.get("/").content.decode()
    assert "https://" not in html.split("<body")[0]  # no CDN in the head
    assert client.get("/static/cms/css/site.css").status_code == 200


def test_the_main_menu_links_registered_sections_in_each_language(client, site_pages):
    """Apps add sections that are not pages (the learning library) to the menu."""
    for prefix, label in (("", "자료실"), ("/en", "Learning library")):
        page = etree.HTML(client.get(f"{prefix}/").content)
        links = {
            a.get("href"): a.text for a in page.iterfind(".//nav[@class='main-nav']//a")
        }
        assert links.get(f"{prefix}/library/") == label
