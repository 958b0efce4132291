"""The catalog's "offered by" facet: our courses and each partner university's,
with counts that follow the other filters; choosing one shows only its courses."""

import re

import pytest
from django.utils import translation

from lms.partners.selectors import partner_catalog_providers
from lms.partners.services.syndication import partner_course_publish

COURSE = {
    "summary": "대학과 지역 사회적경제의 협력",
    "url": "https://partner.example/courses/1",
    "learning_mode": "formal",
    "delivery": "online",
    "level": "intermediate",
    "course_language": "ko",
}


@pytest.fixture
def partner_courses(partner_a, partner_b):
    for institution, external_id, title, delivery in (
        (partner_a, "a1", "한빛 온라인 과정", "online"),
        (partner_a, "a2", "한빛 합숙 과정", "residential"),
        (partner_b, "b1", "누리 온라인 과정", "online"),
    ):
        partner_course_publish(
            institution=institution,
            external_id=external_id,
            data={**COURSE, "title": title, "delivery": delivery},
        )


def _options(html: str) -> list[tuple[str, str]]:
    """(value, the count in brackets) of each option but "All"."""
    select = re.search(r'<select name="offered_by".*?</select>', html, re.DOTALL)
    return [
        (value, re.search(r"\((\d+)\)$", " ".join(text.split())).group(1))
        for value, text in re.findall(
            r'<option value="([^"]*)"[^>]*>(.*?)</option>', select.group(0)
        )
        if value
    ]


def _page(client, catalog, **query) -> str:
    """The (Korean) catalog page: the tests read values and counts, not words."""
    response = client.get(catalog.url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_facet_counts_our_courses_and_each_partners(
    client, catalog, course, partner_courses
):
    html = _page(client, catalog)
    assert _options(html) == [("campus", "1"), ("nuri", "1"), ("hanbit", "2")]
    assert "누리대학교 (1)" in html


def test_the_counts_follow_the_other_filters(client, catalog, course, partner_courses):
    html = _page(client, catalog, delivery="residential")
    assert _options(html) == [("campus", "0"), ("hanbit", "1")]


def test_choosing_a_partner_shows_only_its_courses(
    client, catalog, course, partner_courses
):
    html = _page(client, catalog, offered_by="hanbit")
    assert "한빛 온라인 과정" in html and "한빛 합숙 과정" in html
    assert "누리 온라인 과정" not in html
    assert course.title not in html
    # our courses are still counted in the facet
    assert ("campus", "1") in _options(html)
    assert 'value="hanbit" selected' in html


def test_choosing_our_courses_leaves_the_partners_out(
    client, catalog, course, partner_courses
):
    html = _page(client, catalog, offered_by="campus")
    assert course.title in html
    assert "한빛 온라인 과정" not in html
    assert "누리 온라인 과정" not in html


def test_a_partner_without_matching_courses_says_so(
    client, catalog, course, partner_courses
):
    html = _page(client, catalog, offered_by="nuri", delivery="residential")
    assert "한빛 온라인 과정" not in html
    assert '<p class="empty">' in html


@pytest.mark.parametrize("value", ["<script>", "a" * 80, "한빛"])
def test_a_bad_value_is_ignored(client, catalog, course, partner_courses, value):
    html = _page(client, catalog, offered_by=value)
    assert course.title in html
    assert "한빛 온라인 과정" in html and "누리 온라인 과정" in html


def test_withdrawn_courses_and_inactive_partners_are_not_counted(
    partner_a, partner_b, partner_courses
):
    from lms.partners.services.syndication import partner_course_withdraw

    partner_course_withdraw(course=partner_a.courses.get(external_id="a1"))
    partner_b.is_active = False
    partner_b.save()
    assert [(p["slug"], p["count"]) for p in partner_catalog_providers()] == [
        ("hanbit", 1)
    ]


def test_partner_names_follow_the_readers_language(partner_courses):
    with translation.override("en"):
        names = [p["name"] for p in partner_catalog_providers()]
    assert names == ["Hanbit University", "Nuri University"]


def test_the_facet_costs_one_query_flat_in_partner_courses(
    client, catalog, course, partner_a, user, django_assert_num_queries
):
    client.force_login(user)  # past the anonymous page cache
    query = {"offered_by": "hanbit"}
    client.get(catalog.url, query)
    with django_assert_num_queries(99, exact=False) as first:
        client.get(catalog.url, query)
    before = len(first.captured_queries)
    for n in range(6):
        partner_course_publish(
            institution=partner_a,
            external_id=f"x{n}",
            data={**COURSE, "title": f"X{n}"},
        )
    client.get(catalog.url, query)
    with django_assert_num_queries(before):
        response = client.get(catalog.url, query)
    assert response.content.decode().count('<h3 class="card-title">X5</h3>') == 1
