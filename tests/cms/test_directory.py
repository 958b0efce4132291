"""The services directory, the organization directory and site search."""

import pytest
from django.urls import reverse

from cms.demo_town import seed_organizations
from cms.models import LinkedService
from cms.organization_models import (
    OrganizationAdmin,
    OrganizationProfile,
    ProfileChange,
)
from cms.services.organizations import (
    OrganizationError,
    profile_change_decide,
    profile_change_propose,
)
from lms.accounts.models import OrganizationType
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_directory_filters_by_space_kind_and_audience(client, site_pages):
    html = client.get(reverse("cms:services") + "?space=fab_lab").content.decode()
    assert "3D 프린터 예약" in html and "금융 상담 신청" not in html
    html = client.get(reverse("cms:services") + "?kind=counselling").content.decode()
    assert "금융 상담 신청" in html and "3D 프린터 예약" not in html
    html = client.get(reverse("cms:services") + "?audience=founders").content.decode()
    assert "시제품 제작 상담" in html and "로컬푸드 장터" not in html


def test_directory_search_finds_korean_words_inside_compounds(client, site_pages):
    html = client.get(reverse("cms:services") + "?q=상담").content.decode()
    assert "금융 상담 신청" in html and "시제품 제작 상담" in html
    html = client.get("/en" + reverse("cms:services") + "?q=printer").content.decode()
    assert "3D printer booking" in html


def test_bad_filters_are_ignored_not_errors(client, site_pages):
    assert client.get(reverse("cms:services") + "?space=moon").status_code == 200


def test_directory_query_count_does_not_grow(
    client, site_pages, django_assert_num_queries
):
    client.get(reverse("cms:services"))
    with django_assert_num_queries(4):
        client.get(reverse("cms:services"))
    LinkedService.objects.bulk_create(
        LinkedService(
            space="finance",
            kind="external",
            name=f"서비스 {n}",
            target_url=f"https://example.org/{n}",
        )
        for n in range(10)
    )
    with django_assert_num_queries(4):
        client.get(reverse("cms:services"))


@pytest.fixture
def organizations(site_pages):
    return seed_organizations(people={})


def test_organization_directory_has_every_type_and_facets(client, organizations):
    assert len(organizations) >= 12
    types = {p.organization.type for p in organizations}
    assert types >= set(OrganizationType.values) - {"other"}
    html = client.get(
        reverse("cms:organizations") + "?in_town=yes&sector=food"
    ).content.decode()
    assert "함께밥상 협동조합" in html and "모악마을 마을기업" not in html
    html = client.get(reverse("cms:organizations") + "?q=조합").content.decode()
    assert "함께밥상 협동조합" in html  # 조합 inside 협동조합


def test_organization_page_shows_products(client, organizations):
    profile = organizations[0]
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "로컬푸드 도시락" in html


def test_org_admin_proposes_and_staff_approve(client, organizations, staff_user):
    profile = organizations[0]
    admin, stranger = UserFactory(), UserFactory()
    OrganizationAdmin.objects.create(organization=profile.organization, user=admin)
    with pytest.raises(OrganizationError):
        profile_change_propose(
            profile=profile, user=stranger, proposed={"summary": "x"}
        )
    client.force_login(stranger)
    edit = reverse("cms:organization-edit", args=[profile.slug])
    assert client.get(edit).status_code == 403
    client.force_login(admin)
    response = client.post(
        edit,
        {
            "summary": "새 소개",
            "sector": profile.sector,
            "products": "새 도시락",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.summary != "새 소개"  # not public before approval
    change = ProfileChange.objects.get()
    assert (
        client.post(
            reverse("cms:staff-profile-change-decide", args=[change.pk]),
            {"decision": "approve"},
        ).status_code
        == 403
    )
    profile_change_decide(change=change, actor=staff_user, approve=True)
    profile.refresh_from_db()
    assert profile.summary == "새 소개"
    assert OrganizationProfile.objects.get(pk=profile.pk).product_list() == [
        "새 도시락"
    ]


def test_site_search_has_a_kind_facet_and_matches_inside_compounds(
    client, organizations
):
    html = client.get(reverse("cms:search") + "?q=조합").content.decode()
    assert "함께밥상 협동조합" in html
    html = client.get(reverse("cms:search") + "?q=장터").content.decode()
    assert "토요 로컬푸드 장터" in html  # an event
    assert "로컬푸드 장터" in html  # a service
    html = client.get(reverse("cms:search") + "?q=장터&kind=event").content.decode()
    assert 'aria-current="page">행사' in html or "kind=event" in html
    html = client.get("/en" + reverse("cms:search") + "?q=fab").content.decode()
    assert "Innovation fab lab" in html


def test_search_query_count_is_fixed(client, organizations, django_assert_num_queries):
    url = reverse("cms:search") + "?q=협동"
    client.get(url)
    with django_assert_num_queries(8):
        client.get(url)
