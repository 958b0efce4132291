"""Staff edit the menus and the footer (Settings → Site navigation); every page
shows the change at once, in the reader's language, at no query per page."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import Site

from cms.navigation_models import NavigationLink, SiteNavigation
from cms.roles import roles_permissions_grant
from lms.accounts.models import Role
from lms.core.page_cache import page_cache_clear

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _town(site_pages):
    return site_pages.get_children().get(slug="town")


def _admin_url() -> str:
    return f"/admin/settings/cms/sitenavigation/{Site.objects.get().pk}/"


def _form(links=(), **footer) -> dict:
    data = {
        "footer_title": footer.get("footer_title", ""),
        "footer_title_en": footer.get("footer_title_en", ""),
        "footer_text": footer.get("footer_text", ""),
        "footer_text_en": footer.get("footer_text_en", ""),
        "links-TOTAL_FORMS": str(len(links)),
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    for index, link in enumerate(links):
        row = {"location": "footer", "label": "", "label_en": "", "page": "", "url": ""}
        row.update(link)
        for name, value in row.items():
            data[f"links-{index}-{name}"] = value
        data[f"links-{index}-ORDER"] = str(index + 1)
        data[f"links-{index}-id"] = ""
        data[f"links-{index}-DELETE"] = ""
    return data


@pytest.fixture
def center_staff(client, site_pages):
    roles_permissions_grant()
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name=Role.STAFF.value))
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    return staff


def test_center_staff_set_the_footer_and_links_and_every_page_shows_them(
    client, center_staff, site_pages
):
    client.get("/")  # the menus are now in the cache
    town = _town(site_pages)
    response = client.post(
        _admin_url(),
        _form(
            links=[
                {"location": "main", "page": str(town.pk)},
                {"label": "오시는 길", "label_en": "Getting here", "url": "/town/"},
                {"label": "전북연구원", "url": "https://www.jthink.kr/"},
            ],
            footer_title="혁신타운 교육센터",
            footer_title_en="Innovation Town Education Center",
            footer_text="전라북도 완주군\n평일 9시–18시",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    korean = client.get("/").content.decode()
    assert "혁신타운 교육센터" in korean
    assert "전라북도 완주군<br>평일 9시–18시" in korean
    assert '<a href="/town/">오시는 길</a>' in korean
    assert '<a href="https://www.jthink.kr/">전북연구원</a>' in korean

    english = client.get("/en/").content.decode()
    assert "Innovation Town Education Center" in english
    # no English text given: the Korean one rather than nothing
    assert "전라북도 완주군" in english
    assert '<a href="/town/">Getting here</a>' in english
    assert '<a href="https://www.jthink.kr/">전북연구원</a>' in english
    english_town = town.get_translation(_english_locale())
    assert f'<a href="{english_town.url}">{english_town.title}</a>' in english


def _english_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def test_without_settings_the_footer_says_the_default_in_each_language(
    client, site_pages
):
    assert "사회적경제 네트워크 혁신타운" in client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Social Economy Network Innovation Town · Education Center" in english


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ({"label": "x", "url": "javascript:alert(1)"}, "Enter a path on this site"),
        ({"label": "x", "url": "//evil.example/"}, "Enter a path on this site"),
        ({"label": "x"}, "Choose a page or enter an address."),
        ({"url": "/town/"}, "A link to an address needs a Korean label."),
    ],
)
def test_a_bad_link_is_a_form_error_and_nothing_is_saved(
    client, center_staff, link, message
):
    from wagtail.users.models import UserProfile

    # the admin speaks its user's chosen language
    profile = UserProfile.get_for_user(center_staff)
    profile.preferred_language = "en"
    profile.save()
    response = client.post(_admin_url(), _form(links=[link]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NavigationLink.objects.exists()


def test_a_page_and_an_address_together_are_refused(client, center_staff, site_pages):
    town = _town(site_pages)
    response = client.post(
        _admin_url(),
        _form(links=[{"label": "x", "url": "/town/", "page": str(town.pk)}]),
    )
    assert response.status_code == 200
    assert not NavigationLink.objects.exists()


def test_the_database_refuses_a_link_with_neither_page_nor_address(site_pages):
    navigation = SiteNavigation.objects.create(site=Site.objects.get())
    with pytest.raises(IntegrityError), transaction.atomic():
        NavigationLink.objects.create(navigation=navigation, label="x")
    with pytest.raises(ValidationError):
        NavigationLink(navigation=navigation, label="x", url="ftp://x").full_clean()


def test_a_draft_page_is_left_out_of_the_menus(client, site_pages):
    town = _town(site_pages)
    navigation = SiteNavigation.objects.create(site=Site.objects.get())
    NavigationLink.objects.create(navigation=navigation, page=town, location="main")
    assert 'href="/town/"' in client.get("/").content.decode()
    town.unpublish()
    page_cache_clear()
    html = client.get("/").content.decode()
    assert '<li><a href="/town/"' not in html


def test_learners_cannot_open_the_settings(client, site_pages):
    roles_permissions_grant()
    client.force_login(UserFactory())
    response = client.get(_admin_url())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_menus_cost_no_query_once_built_however_many_links(
    client, site_pages, django_assert_num_queries
):
    """Built once per content version: a warm page asks nothing more for 1 or 20."""
    navigation = SiteNavigation.objects.create(site=Site.objects.get())
    town = _town(site_pages)
    NavigationLink.objects.create(navigation=navigation, page=town, location="main")
    client.get("/town/")  # warm: the shell and the page are cached
    with django_assert_num_queries(0):
        client.get("/town/")
    for n in range(20):
        NavigationLink.objects.create(
            navigation=navigation, label=f"링크 {n}", url=f"/x/{n}/"
        )
    client.get("/town/")
    with django_assert_num_queries(0):
        html = client.get("/town/").content.decode()
    assert "링크 19" in html


def test_building_the_menus_costs_the_same_for_1_and_6_page_links(rf, site_pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.templatetags.cms_tags import _navigation

    site = Site.objects.get()
    navigation = SiteNavigation.objects.create(site=site)
    town = _town(site_pages)
    request = rf.get("/en/")
    NavigationLink.objects.create(navigation=navigation, page=town, location="main")
    _navigation(site, "en", request)  # the request now knows its site
    with CaptureQueriesContext(connection) as one_link:
        _navigation(site, "en", request)
    for space in town.get_children()[:5]:
        NavigationLink.objects.create(navigation=navigation, page=space)
    with CaptureQueriesContext(connection) as six_links:
        built = _navigation(site, "en", request)
    assert len(six_links) == len(one_link) <= 4
    assert len(built["footer"]) == 5
    assert all(link["url"].startswith("/en/") for link in built["footer"])
