"""The research publications in the partner API: filters, cursor pages, the
detail, which files a partner sees, who may ask, and flat query counts."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from filer.models import File

from research_portal.models import (
    AuthorRole,
    FileAccess,
    PublicationPageFile,
    PublicationType,
)

from ..factories import site_home_create
from ..factories.research import (
    index_create,
    person_create,
    publication_create,
    series_create,
    topic_create,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def index(db):
    return index_create(parent=site_home_create())


@pytest.fixture
def api(api_for, partner_a):
    return api_for(partner_a, scopes=["catalog:read"])


def _file(page, name, *, access=FileAccess.OPEN, embargo_until=None):
    stored = File.objects.create(
        original_filename=f"{name}.pdf",
        name=name,
        file=ContentFile(b"%PDF-1.4 " + name.encode(), name=f"{name}.pdf"),
    )
    return PublicationPageFile.objects.create(
        page=page,
        file=stored,
        is_main=access == FileAccess.OPEN and embargo_until is None,
        access=access,
        embargo_until=embargo_until,
    )


@pytest.fixture
def brief(index):
    """A policy brief in a series, by two people, with an open, a restricted and
    an embargoed file."""
    author = person_create(
        name="최지훈", name_en="Jihoon Choi", orcid="0000-0002-1825-0097"
    )
    editor = person_create(name="박서연", name_en="Seoyeon Park")
    page = publication_create(
        index=index,
        authors=[author, (editor, AuthorRole.EDITOR)],
        topics=[topic_create(name="협동조합", name_en="Cooperatives", slug="coop")],
        title="지역 순환 효과",
        title_en="Local circulation effects",
        publication_type=PublicationType.POLICY_BRIEF,
        date_published=dt.date(2025, 5, 20),
        series=series_create(slug="jbri-brief"),
        doi="10.23000/jbri.2025.1",
        licence="cc-by",
    )
    page.open_file = _file(page, "open")
    page.restricted_file = _file(page, "restricted", access=FileAccess.RESTRICTED)
    page.embargoed_file = _file(
        page,
        "embargoed",
        embargo_until=timezone.localdate() + dt.timedelta(days=30),
    )
    return page


@pytest.fixture
def report(index):
    """An English research report of 2023, without files."""
    return publication_create(
        index=index,
        date_published=dt.date(2023, 3, 1),
        language="en",
        publication_type=PublicationType.RESEARCH_REPORT,
    )


def test_the_list_shows_published_publications_newest_first(api, brief, report, index):
    publication_create(index=index, publish=False, title="초안")
    body = api.get(reverse("api:publications")).json()
    assert [row["id"] for row in body["results"]] == [brief.pk, report.pk]
    row = body["results"][0]
    assert row["title"] == "지역 순환 효과"
    assert row["type"] == "policy_brief"
    assert row["doi"] == "10.23000/jbri.2025.1"
    assert row["doi_url"] == "https://doi.org/10.23000/jbri.2025.1"
    assert row["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert row["series"]["slug"] == "jbri-brief"
    assert [t["slug"] for t in row["topics"]] == ["coop"]
    assert [(a["name"], a["role"]) for a in row["authors"]] == [
        ("최지훈", "author"),
        ("박서연", "editor"),
    ]
    assert row["authors"][0]["orcid"] == "0000-0002-1825-0097"
    assert row["url"].startswith("http://testserver/")
    assert set(row["citations"]) == {"bibtex", "ris", "csl-json"}
    assert row["citations"]["bibtex"] == f"{row['url']}cite/bibtex/"


def test_the_citation_links_answer(api, client, brief):
    row = api.get(reverse("api:publications")).json()["results"][0]
    for url in row["citations"].values():
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_a_partner_sees_open_files_only(api, client, brief):
    """Restricted files are for signed-in researchers and staff, embargoed ones
    for no one until their day: neither is listed; the open one downloads."""
    for url in (
        reverse("api:publications"),
        reverse("api:publication", args=[brief.pk]),
    ):
        body = api.get(url).json()
        files = body["results"][0]["files"] if "results" in body else body["files"]
        assert [f["id"] for f in files] == [brief.open_file.pk]
    (listed,) = files
    assert listed["mime_type"] == "application/pdf"
    assert listed["url"].endswith(f"/files/{brief.open_file.pk}/")
    download = client.get(listed["url"].removeprefix("http://testserver"))
    assert download.status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "policy_brief"}, ["brief"]),
        ({"type": "research_report"}, ["report"]),
        ({"year": "2023"}, ["report"]),
        ({"topic": "coop"}, ["brief"]),
        ({"series": "jbri-brief"}, ["brief"]),
        ({"language": "en"}, ["report"]),
        ({"year": "2025", "language": "en"}, []),
    ],
)
def test_filters_narrow_the_list(api, brief, report, query, expected):
    named = {brief.pk: "brief", report.pk: "report"}
    body = api.get(reverse("api:publications"), query).json()
    assert [named[row["id"]] for row in body["results"]] == expected


@pytest.mark.parametrize(
    "query", [{"year": "twenty"}, {"type": "novel"}, {"language": "fr"}]
)
def test_a_bad_filter_is_a_problem_400(api, brief, query):
    response = api.get(reverse("api:publications"), query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_cursor_pages_cover_every_publication_once(api, index):
    made = {publication_create(index=index).pk for _ in range(5)}
    seen, url = [], reverse("api:publications") + "?page_size=2"
    while url:
        body = api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(made)
    assert len(seen) == 5


def test_the_detail_has_the_abstract_and_answers_in_english(api, brief):
    url = reverse("api:publication", args=[brief.pk])
    body = api.get(url).json()
    assert body["abstract"].startswith("사회적협동조합")
    assert body["keywords"] == ["사회적경제", "협동조합"]
    english = api.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["title"] == "Local circulation effects"
    assert english["authors"][0]["name"] == "Jihoon Choi"


def test_a_draft_or_unknown_publication_is_a_404(api, index):
    draft = publication_create(index=index, publish=False)
    for pk in (draft.pk, 999999):
        response = api.get(reverse("api:publication", args=[pk]))
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")


def test_no_token_is_401_and_a_token_without_catalog_read_is_403(
    api_for, partner_a, brief
):
    from rest_framework.test import APIClient

    for url in (
        reverse("api:publications"),
        reverse("api:publication", args=[brief.pk]),
    ):
        assert APIClient().get(url).status_code == 401
        other_scope = api_for(partner_a, scopes=["progress:read"])
        assert other_scope.get(url).status_code == 403


def test_the_list_and_detail_answer_304_to_their_etag(api, brief):
    for url in (
        reverse("api:publications"),
        reverse("api:publication", args=[brief.pk]),
    ):
        etag = api.get(url)["ETag"]
        assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def _with_people_and_files(index, n):
    topic = topic_create()
    for _ in range(n):
        page = publication_create(
            index=index, authors=[person_create(), person_create()], topics=[topic]
        )
        _file(page, f"f{page.pk}")
        _file(page, f"r{page.pk}", access=FileAccess.RESTRICTED)


def test_query_counts_are_pinned_and_flat_from_5_to_50(
    api, index, django_assert_num_queries
):
    _with_people_and_files(index, 5)
    url = reverse("api:publications") + "?page_size=100"
    api.get(url)  # warm the site and locale caches
    # the token; the view restrictions (public pages only), the publications,
    # their people, topics and files; the audit line and the token's last use
    with django_assert_num_queries(8):
        first = api.get(url)
    assert len(first.json()["results"]) == 5
    _with_people_and_files(index, 45)
    with django_assert_num_queries(8):
        response = api.get(url)
    assert len(response.json()["results"]) == 50
    some = response.json()["results"][-1]["id"]
    detail = reverse("api:publication", args=[some])
    api.get(detail)
    with django_assert_num_queries(8):
        api.get(detail)
