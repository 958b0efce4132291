"""The index (search, facets, sorting, pages), the publication page, authors,
series and living labs, in both languages; who may see what; pinned queries."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from filer.models import File
from lxml import html

from lms.accounts.models import Role
from research_portal.models import (
    FileAccess,
    LivingLabIndexPage,
    LivingLabPage,
    PublicationPageFile,
    PublicationType,
)
from research_portal.pdf import pdf_with_text
from research_portal.services import publication_full_text_extract
from tests.factories import UserFactory

from ..factories.research import person_create, publication_create


def _titles(response) -> list[str]:
    document = html.fromstring(response.content)
    return [
        a.text_content().strip()
        for a in document.xpath("//h2[contains(@class, 'card-title')]/a")
    ]


def _facet(response, name) -> dict[str, str]:
    document = html.fromstring(response.content)
    return {
        a.text_content().strip(): a.get("href")
        for a in document.xpath(f"//a[@data-facet='{name}']")
    }


@pytest.fixture
def catalogue(index, author, topic, series):
    other = person_create(name="김서연", name_en="Seoyeon Kim", slug="seoyeon-kim")
    return [
        publication_create(
            index=index,
            title="사회적협동조합의 지역 돌봄",
            authors=[author],
            topics=[topic],
            date_published=dt.date(2023, 9, 15),
        ),
        publication_create(
            index=index,
            title="혁신타운 조성방안",
            publication_type=PublicationType.POLICY_BRIEF,
            series=series,
            volume="24",
            authors=[other],
            date_published=dt.date(2017, 12, 20),
            abstract="혁신타운의 여섯 구성 요소",
            keywords="혁신타운",
        ),
        publication_create(
            index=index,
            title="Social finance survey",
            language="en",
            publication_type=PublicationType.DATASET,
            authors=[author, other],
            date_published=dt.date(2025, 9, 1),
            abstract="Survey data",
            keywords="finance",
        ),
    ]


def test_the_index_lists_newest_first_with_facet_counts(client, catalogue):
    response = client.get("/research/")
    assert response.status_code == 200
    assert _titles(response) == [
        "Social finance survey",
        "사회적협동조합의 지역 돌봄",
        "혁신타운 조성방안",
    ]
    types = _facet(response, "type")
    assert "연구보고서 (1)" in types
    assert "정책브리프 (1)" in types
    assert "최지훈 (2)" in _facet(response, "author")
    assert "전북연구원 정책브리프 (1)" in _facet(response, "series")
    assert "2017 (1)" in _facet(response, "year")


def test_facets_filter_and_combine(client, catalogue):
    response = client.get("/research/", {"author": "jihoon-choi", "year": "2025"})
    assert _titles(response) == ["Social finance survey"]
    assert client.get("/research/", {"series": "jbri-policy-brief"}).status_code == 200
    assert _titles(client.get("/research/", {"topic": "cooperatives"})) == [
        "사회적협동조합의 지역 돌봄"
    ]
    assert _titles(client.get("/research/", {"language": "en"})) == [
        "Social finance survey"
    ]
    # nonsense filters find nothing rather than failing
    response = client.get("/research/", {"year": "abc", "type": "<script>"})
    assert response.status_code == 200
    assert _titles(response) == []


def test_sorting_by_oldest_and_title(client, catalogue):
    assert (
        _titles(client.get("/research/", {"sort": "oldest"}))[0] == "혁신타운 조성방안"
    )
    assert _titles(client.get("/research/", {"sort": "title"}))[0] == (
        "Social finance survey"
    )


def test_a_korean_word_finds_it_inside_compounds_and_in_the_pdf_text(client, catalogue):
    assert _titles(client.get("/research/", {"q": "협동조합"})) == [
        "사회적협동조합의 지역 돌봄"
    ]
    page = catalogue[2]
    file = File.objects.create(
        original_filename="data.pdf",
        name="data",
        is_public=True,
        file=ContentFile(
            pdf_with_text(title="코드북", paragraphs=["마을기업 입주 현황 조사표"]),
            name="data.pdf",
        ),
    )
    PublicationPageFile.objects.create(page=page, file=file, is_main=True)
    publication_full_text_extract(page_id=page.pk)
    assert PublicationPageFile.objects.get(page=page).page_count == 1
    assert _titles(client.get("/research/", {"q": "입주"})) == ["Social finance survey"]
    assert _titles(client.get("/research/", {"q": "최지훈"})) == [
        "Social finance survey",
        "사회적협동조합의 지역 돌봄",
    ]


def test_pages_of_twenty(client, index, author):
    for _ in range(23):
        publication_create(index=index, authors=[author])
    first = client.get("/research/")
    assert len(_titles(first)) == 20
    assert "1 / 2" in first.content.decode() or 'rel="next"' in first.content.decode()
    assert len(_titles(client.get("/research/", {"page": 2}))) == 3


def test_the_english_site_shows_english_titles(client, catalogue):
    response = client.get("/en/research/")
    assert response.status_code == 200
    assert _titles(response)[1] == catalogue[0].title_en
    assert f'href="/en/research/{catalogue[0].slug}/"' in response.content.decode()
    page = client.get(f"/en/research/{catalogue[0].slug}/")
    assert page.status_code == 200
    document = html.fromstring(page.content)
    assert document.xpath("//h1")[0].text_content() == catalogue[0].title_en
    assert "Abstract" in page.content.decode()


def test_the_author_and_series_pages_list_their_work(client, catalogue, author):
    response = client.get("/research/authors/jihoon-choi/")
    assert response.status_code == 200
    assert len(_titles(response)) == 2
    assert author.email not in response.content.decode()
    assert "0000-0002-1825-0097" in response.content.decode()
    series = client.get("/research/series/jbri-policy-brief/")
    assert _titles(series) == ["혁신타운 조성방안"]
    assert client.get("/research/authors/nobody/").status_code == 404
    author.public_profile = False
    author.save()
    assert client.get("/research/authors/jihoon-choi/").status_code == 404


def test_the_publication_page_never_shows_an_e_mail(client, catalogue, author):
    body = client.get(f"/research/{catalogue[0].slug}/").content.decode()
    assert author.email not in body
    assert "최지훈" in body


# --- who may see what ---------------------------------------------------------------


@pytest.fixture
def draft(index, author):
    return publication_create(index=index, authors=[author], publish=False)


@pytest.mark.parametrize("who", ["anonymous", "learner", "instructor"])
def test_a_draft_is_seen_by_nobody_outside_the_admin(client, draft, who):
    if who != "anonymous":
        user = UserFactory()
        if who == "instructor":
            user.groups.add(
                *__import__(
                    "django.contrib.auth.models", fromlist=["Group"]
                ).Group.objects.filter(name=Role.INSTRUCTOR)
            )
        client.force_login(user)
    assert client.get(f"/research/{draft.slug}/").status_code == 404
    assert client.get(f"/research/{draft.slug}/cite/bibtex/").status_code == 404
    assert draft.title not in client.get("/research/").content.decode()


@pytest.fixture
def restricted(index, author):
    page = publication_create(index=index, authors=[author])
    file = File.objects.create(
        original_filename="internal.pdf",
        name="internal",
        is_public=True,
        file=ContentFile(b"%PDF-1.4 internal", name="internal.pdf"),
    )
    PublicationPageFile.objects.create(
        page=page, file=file, is_main=True, access=FileAccess.RESTRICTED
    )
    return page, file


@pytest.mark.parametrize(
    ("who", "sees_link"),
    [
        ("anonymous", False),
        ("learner", False),
        ("instructor", False),
        ("researcher", True),
        ("staff", True),
    ],
)
def test_a_restricted_file_is_offered_to_researchers_and_staff_only(
    client, restricted, who, sees_link
):
    page, file = restricted
    role = {
        "instructor": Role.INSTRUCTOR,
        "researcher": Role.RESEARCHER,
        "staff": Role.STAFF,
    }.get(who)
    if who != "anonymous":
        user = UserFactory()
        if role:
            user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
    response = client.get(f"/research/{page.slug}/")
    assert response.status_code == 200
    link = f"/research/{page.slug}/files/{page.files.get().pk}/"
    assert (link in response.content.decode()) is sees_link
    # no pdf url in the meta tags for a restricted file, whoever asks
    assert "citation_pdf_url" not in response.content.decode()


# --- living labs ----------------------------------------------------------------------


def test_a_living_lab_shows_its_phases_partners_and_publications(
    client, home, catalogue
):
    from tests.factories import OrganizationFactory

    labs = LivingLabIndexPage(title="리빙랩", slug="living-labs")
    home.add_child(instance=labs)
    labs.save_revision().publish()
    lab = LivingLabPage(title="마을 돌봄 리빙랩", slug="care", problem="돌봄 공백")
    labs.add_child(instance=lab)
    organization = OrganizationFactory(name="돌봄사회적협동조합")
    lab.partners = [organization]
    lab.publications = [catalogue[0]]
    from research_portal.models import LivingLabPhase

    lab.phases = [LivingLabPhase(title="공동 설계", starts_on=dt.date(2024, 6, 1))]
    lab.related_links = "교육과정 | /courses/\n나쁜 링크 | javascript:alert(1)"
    lab.save_revision().publish()
    listing = client.get("/living-labs/")
    assert "마을 돌봄 리빙랩" in listing.content.decode()
    body = client.get("/living-labs/care/").content.decode()
    for text in (
        "돌봄 공백",
        "공동 설계",
        "돌봄사회적협동조합",
        catalogue[0].title,
        "/courses/",
    ):
        assert text in body
    assert "javascript:" not in body


# --- queries ----------------------------------------------------------------------


def _warm(client, url):
    client.get(url)


@pytest.mark.parametrize("count", [5, 25])
def test_index_queries_do_not_grow_with_publications(
    client, index, author, topic, django_assert_num_queries, count
):
    for _ in range(count):
        publication_create(index=index, authors=[author], topics=[topic])
    _warm(client, "/research/")
    with django_assert_num_queries(INDEX_QUERIES):
        assert client.get("/research/", {"type": "research_report"}).status_code == 200


@pytest.mark.parametrize("authors", [1, 4])
def test_publication_page_queries_do_not_grow_with_authors(
    client, index, django_assert_num_queries, authors
):
    page = publication_create(
        index=index, authors=[person_create() for _ in range(authors)]
    )
    _warm(client, f"/research/{page.slug}/")
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(f"/research/{page.slug}/").status_code == 200


# the page's reads, the listing, and the facets (type, year, series and language
# from one grouped query; topics; authors) with the count, when not cached
INDEX_QUERIES = 10
# the page's reads, and the month-by-month usage for its chart (a robot's
# view, as the test client's, is not recorded; a reader's adds two at most);
# "used in courses" (2: view restrictions, the courses; research_portal.teaching)
PAGE_QUERIES = 9


def test_the_atom_feed_lists_new_publications(client, catalogue):
    from lxml import etree

    response = client.get("/research/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    atom = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.text for e in feed.iterfind("a:entry/a:title", atom)]
    assert titles[0] == "Social finance survey"
    assert len(titles) == 3
    link = feed.find("a:entry/a:link", atom).get("href")
    assert link == f"http://testserver/research/{catalogue[2].slug}/"
