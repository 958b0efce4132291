"""Bulk import of publications from BibTeX or CSV: a row-by-row report, all or
nothing, drafts submitted for the staff's approval when a researcher imports."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.users.models import UserProfile

from lms.accounts.models import Role
from research_portal.bibliography import bibliography_parse
from research_portal.models import Person, PublicationPage
from research_portal.services import publications_import, research_roles_grant
from tests.factories import UserFactory

URL = "/admin/research/import/"

BIBTEX = """
@techreport{kim2017,
  title = {사회혁신과 지역활성화를 위한 {사회적경제} 네트워크 혁신타운 조성방안},
  title_en = {Building a Social Economy Network Innovation Town},
  author = {최지훈 and Kim, Minsu},
  orcid = {0000-0002-1825-0097},
  year = 2017, month = dec, day = 20,
  type = {policy_brief},
  institution = {전북연구원},
  publisher = {전북연구원},
  doi = {10.1234/jthink.2017.24},
}
@article{lee2020,
  title = {Cooperatives and local care},
  author = {Lee, Sora},
  journal = {Journal of Social Economy},
  volume = 3, number = 2, pages = {12--30},
  year = 2020,
  language = {en},
}
"""

CSV_HEADER = "type,title,title_en,date_published,authors,orcids,doi,isbn\n"


def _csv(*rows: str) -> bytes:
    return (CSV_HEADER + "\n".join(rows) + "\n").encode()


def _upload(content: bytes, name: str):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _post(client, index, content, name, action):
    return client.post(
        URL,
        {"index": index.pk, "file": _upload(content, name), "action": action},
    )


@pytest.fixture
def researcher(index):
    research_roles_grant()
    user = UserFactory()
    user.groups.add(Group.objects.get(name=Role.RESEARCHER))
    UserProfile.objects.create(user=user, preferred_language="en")
    return user


@pytest.fixture
def superuser(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    UserProfile.objects.create(user=user, preferred_language="en")
    return user


def test_a_researcher_imports_bibtex_as_drafts_submitted_for_approval(
    client, index, author, researcher
):
    client.force_login(researcher)
    people = Person.objects.count()
    with translation.override("en"):
        response = _post(client, index, BIBTEX.encode(), "refs.bib", "import")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="import-row import-created"') == 2
    pages = list(PublicationPage.objects.child_of(index).order_by("date_published"))
    assert [p.title for p in pages] == [
        "사회혁신과 지역활성화를 위한 사회적경제 네트워크 혁신타운 조성방안",
        "Cooperatives and local care",
    ]
    brief, article = pages
    assert not brief.live and brief.has_unpublished_changes
    assert brief.publication_type == "policy_brief"
    assert str(brief.date_published) == "2017-12-20"
    assert brief.doi == "10.1234/jthink.2017.24"
    # the ORCID iD finds the person already known; Kim and Lee are new
    credits = list(brief.authors.order_by("sort_order"))
    assert credits[0].person == author
    assert credits[1].person.name_en == "Minsu Kim"
    assert credits[1].person.family_name_en == "Kim"
    assert Person.objects.count() == people + 2
    assert article.publication_type == "journal_article"
    assert article.container_title == "Journal of Social Economy"
    assert article.language == "en"
    # researchers may not publish: their drafts await the staff's approval
    assert brief.workflow_in_progress and article.workflow_in_progress


def test_csv_preview_writes_nothing_then_the_import_creates_the_rows(
    client, index, author, superuser
):
    client.force_login(superuser)
    content = _csv(
        f'journal_article,협동조합 연구,Cooperative study,2021-03,"{author.name}",,,',
        'book,마을기업 안내,Village enterprises,2019,"Park, Jiwoo",,,978-89-7040-000-6',
    )
    pages, people = PublicationPage.objects.count(), Person.objects.count()
    with translation.override("en"):
        preview = _post(client, index, content, "list.csv", "preview")
    assert preview.status_code == 200
    body = preview.content.decode()
    assert body.count('class="import-row import-would_create"') == 2
    assert "Would be created" in body
    assert PublicationPage.objects.count() == pages
    assert Person.objects.count() == people

    with translation.override("en"):
        response = _post(client, index, content, "list.csv", "import")
    assert response.status_code == 200
    created = PublicationPage.objects.child_of(index).order_by("title")
    assert [p.title_en for p in created] == ["Village enterprises", "Cooperative study"]
    study = created.get(title_en="Cooperative study")
    assert study.authors.get().person == author  # matched by name
    assert str(study.date_published) == "2021-03-01"
    assert created.get(title_en="Village enterprises").isbn == "9788970400006"
    # staff may publish: their drafts are not submitted
    assert not study.workflow_in_progress
    assert Person.objects.count() == people + 1


def test_one_row_in_error_writes_nothing_and_the_report_names_it(
    client, index, superuser
):
    client.force_login(superuser)
    content = _csv(
        'research_report,좋은 행,Good row,2022-01-01,"Han, Yuna",,,',
        'research_report,나쁜 행,Bad row,2022-01-01,"Oh, Jin",,10.12/bad doi,',
        "research_report,날짜 없는 행,No date,,홍길동,,,",
    )
    pages, people = PublicationPage.objects.count(), Person.objects.count()
    with translation.override("en"):
        response = _post(client, index, content, "list.csv", "import")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was imported" in body
    errors = body.split('<tr class="import-row import-error">')[1:]
    assert len(errors) == 2
    assert "<td>3</td>" in errors[0] and "나쁜 행" in errors[0]
    assert "is not a DOI" in errors[0]
    assert "<td>4</td>" in errors[1] and "is not YYYY-MM-DD" in errors[1]
    assert "Not imported: another row has an error" in body
    assert PublicationPage.objects.count() == pages
    assert Person.objects.count() == people


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("refs.txt", b"title\nx\n", "Upload a .bib or .csv file."),
        ("refs.bib", b"@article{a, title = {x},", "cannot be read near line 1"),
        ("refs.csv", "제목\n값\n".encode("cp949"), "is not UTF-8 text"),
        ("refs.csv", b"name,year\nx,2020\n", "needs a header row with a title"),
        ("refs.csv", b"title\n", "holds no publications"),
        ("refs.csv", b"title\n" + b"x" * 1_000_001, "larger than 1000 KB"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_clear_message(
    client, index, superuser, name, content, message
):
    client.force_login(superuser)
    pages = PublicationPage.objects.count()
    with translation.override("en"):
        response = _post(client, index, content, name, "import")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PublicationPage.objects.count() == pages


def test_who_may_import(client, index, researcher):
    assert client.get(URL).status_code == 302  # to sign in
    client.force_login(UserFactory())  # a learner
    assert client.get(URL).status_code == 403
    learner_post = _post(client, index, _csv("x,y,z,2020,a,,,"), "a.csv", "import")
    assert learner_post.status_code == 403
    client.force_login(researcher)
    assert client.get(URL).status_code == 200


def test_import_queries_grow_by_a_fixed_number_a_row(index, author, superuser):
    calls = iter(range(100))

    def queries(rows: int) -> int:
        call = next(calls)
        content = _csv(
            *(
                f'research_report,행 {call}-{n},Row {call}-{n},2020,"{author.name}",,,'
                for n in range(rows)
            )
        )
        parsed = bibliography_parse(name="rows.csv", content=content)
        with CaptureQueriesContext(connection) as captured:
            publications_import(index=index, rows=parsed, user=superuser, dry_run=False)
        assert all(row.status == "created" for row in parsed)
        return len(captured)

    queries(1)  # warm the caches of permissions and content types
    two, three, four = queries(2), queries(3), queries(4)
    a_row = three - two
    assert four - three == a_row
    assert a_row <= QUERIES_A_ROW
    assert two - 2 * a_row <= QUERIES_FIXED


# each row, the same whatever the file: a page added to the tree, saved twice
# (added, then its revision) with its author; each save reads its child
# relations for the revision, the reference index and the search index (79
# queries on PostgreSQL, 81 on SQLite); once: the permission check and the
# people matched (two queries)
QUERIES_A_ROW = 81
QUERIES_FIXED = 6
