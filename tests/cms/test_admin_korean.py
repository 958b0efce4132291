"""The Wagtail admin in Korean says what Wagtail's own Korean catalogs leave in
English or empty: the page search's count ("1-2 of 2 None") and the sidebar's
badge of new items ("(2 new items in this menu)")."""

import re

import pytest
from lxml import html

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """What the page says: text, not attributes, scripts or templates."""
    tree = html.fromstring(response.content)
    for element in list(tree.iter("script", "template", "style")):
        element.drop_tree()
    return re.sub(r"\s+", " ", tree.text_content())


def _korean_home(Page):
    """The Korean page under the root (the privacy policy sits there too)."""
    return (
        Page.objects.filter(depth=2, locale__language_code="ko")
        .exclude(content_type__model="privacypolicyindexpage")
        .get()
    )


def test_the_page_search_counts_pages_in_korean(admin_client):
    from wagtail.models import Page

    home = _korean_home(Page)
    for title in ("검색 대상 하나", "검색 대상 둘"):
        home.add_child(instance=Page(title=title, slug=title.replace(" ", "-")))
    response = admin_client.get(
        "/admin/pages/search/", {"q": "검색 대상"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    text = _text(response)
    assert response.status_code == 200
    assert "None" not in text
    assert " of " not in text
    assert "페이지 2개 중 1–2" in text


def test_the_page_explorer_search_counts_in_korean(admin_client):
    from wagtail.models import Page

    home = _korean_home(Page)
    home.add_child(instance=Page(title="탐색기 검색 대상", slug="explorer-target"))
    response = admin_client.get(
        f"/admin/pages/{home.pk}/", {"q": "탐색기"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    text = _text(response)
    assert "페이지 1개 중 1–1" in text
    assert " of 1 " not in text
    assert "across entire site" not in text and "Search the whole site" not in text


def test_the_admin_scripts_say_new_menu_items_in_korean(admin_client):
    response = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="ko")
    # the catalog is JSON in a script: Hangul comes as \u escapes (4 hex digits)
    body = re.sub(
        r"\\u([0-9a-fA-F]{4})",
        lambda match: chr(int(match.group(1), 16)),
        response.content.decode(),
    )
    assert "(이 메뉴의 새 항목 %(number)s개)" in body
    assert "(이 메뉴의 새 항목 1개)" in body
