"""Each citation format is read back by an independent reader: BibTeX by
bibtexparser, RIS by rispy, CSL-JSON by citeproc-py; the formatted references,
the meta tags, JSON-LD and the Signposting headers."""

import datetime as dt
import json

import bibtexparser
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from django.core.files.base import ContentFile
from django.utils import timezone
from filer.models import File
from lxml import html

from research_portal.models import AuthorRole, PublicationPageFile, PublicationType

from ..factories.research import person_create, publication_create


@pytest.fixture
def brief(index, author, series, topic):
    editor = person_create(name="이정은", name_en="Jeongeun Lee", family_name_en="Lee")
    return publication_create(
        index=index,
        title="사회혁신과 지역활성화를 위한 사회적경제 네트워크 혁신타운 조성방안",
        title_en="Building a Social Economy Network Innovation Town",
        slug="jbri-policy-brief-24",
        publication_type=PublicationType.POLICY_BRIEF,
        date_published=dt.date(2017, 12, 20),
        series=series,
        volume="24",
        publisher="전북연구원",
        place="전주",
        doi="10.12345/jbri.2017.24",
        keywords="사회적경제, 혁신타운",
        licence="cc-by",
        authors=[author, (editor, AuthorRole.EDITOR)],
        topics=[topic],
    )


def _attach_pdf(page, **fields):
    file = File.objects.create(
        original_filename="brief.pdf",
        name="brief",
        is_public=True,
        file=ContentFile(b"%PDF-1.4 demo", name="brief.pdf"),
    )
    PublicationPageFile.objects.create(page=page, file=file, is_main=True, **fields)
    return file


def test_bibtex_is_read_back_by_bibtexparser(client, brief):
    response = client.get(f"/research/{brief.slug}/cite/bibtex/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "techreport"
    assert entry["title"] == brief.title
    assert entry["author"] == "최지훈"
    assert entry["editor"] == "이정은"
    assert entry["year"] == "2017"
    assert entry["series"] == "전북연구원 정책브리프"
    assert entry["volume"] == "24"
    assert entry["doi"] == "10.12345/jbri.2017.24"
    assert entry["url"] == f"http://testserver/research/{brief.slug}/"


def test_ris_is_read_back_by_rispy(client, brief):
    response = client.get(f"/research/{brief.slug}/cite/ris/")
    (entry,) = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "RPRT"
    assert entry["title"] == brief.title
    assert entry["authors"] == ["최지훈"]
    assert entry["year"] == "2017"
    assert entry["doi"] == "10.12345/jbri.2017.24"
    assert entry["keywords"] == ["사회적경제", "혁신타운"]


def test_csl_json_is_read_by_citeproc(client, brief):
    response = client.get(f"/en/research/{brief.slug}/cite/csl-json/")
    items = json.loads(response.content)
    assert items[0]["type"] == "report"
    assert items[0]["author"] == [{"family": "Choi", "given": "Jihoon"}]
    source = CiteProcJSON(items)
    from importlib.resources import files

    style_path = files("citeproc") / "data" / "styles" / "harvard-cite-them-right.csl"
    style = CitationStylesStyle(str(style_path), validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    text = str(bibliography.bibliography()[0])
    assert "Choi" in text
    assert "2017" in text
    assert "Building a Social Economy Network Innovation Town" in text


def test_an_unknown_citation_format_is_not_found(client, brief):
    assert client.get(f"/research/{brief.slug}/cite/marc/").status_code == 404


def test_formatted_citations_in_both_languages(client, brief):
    korean = html.fromstring(client.get(f"/research/{brief.slug}/").content)
    apa = korean.get_element_by_id("citation-apa").text_content()
    assert apa.startswith("최지훈 (2017. 12. 20.).")
    assert "전북연구원 정책브리프 vol.24" in apa
    assert "https://doi.org/10.12345/jbri.2017.24" in apa
    english = html.fromstring(client.get(f"/en/research/{brief.slug}/").content)
    apa_en = english.get_element_by_id("citation-apa").text_content()
    assert apa_en.startswith("Choi, J. (2017, December 20). Building a Social")
    chicago_en = english.get_element_by_id("citation-chicago").text_content()
    assert chicago_en.startswith("Choi, Jihoon. 2017. Building a Social")


def _meta(document, name):
    return [m.get("content") for m in document.iterfind(f".//meta[@name='{name}']")]


def test_meta_tags_json_ld_and_signposting_with_an_open_pdf(client, brief):
    _attach_pdf(brief)
    # served by the publication's own view, on the same host
    pdf_url = f"http://testserver/research/{brief.slug}/files/{brief.files.get().pk}/"
    response = client.get(f"/research/{brief.slug}/")
    document = html.fromstring(response.content)
    assert _meta(document, "citation_title")[0] == brief.title
    assert _meta(document, "citation_author") == ["최지훈"]
    assert _meta(document, "citation_publication_date") == ["2017/12/20"]
    assert _meta(document, "citation_pdf_url") == [pdf_url]
    assert _meta(document, "citation_doi") == ["10.12345/jbri.2017.24"]
    assert _meta(document, "DC.title") == [brief.title]
    assert "http://testserver/research/jbri-policy-brief-24/" in _meta(
        document, "DC.identifier"
    )
    (script,) = document.iterfind(".//script[@type='application/ld+json']")
    ld = json.loads(script.text)
    assert ld["@type"] == "Report"
    assert ld["author"][0]["@id"] == "https://orcid.org/0000-0002-1825-0097"
    assert ld["isPartOf"]["name"] == "전북연구원 정책브리프"

    links = response["Link"]
    assert '<https://doi.org/10.12345/jbri.2017.24>; rel="cite-as"' in links
    assert f'<{pdf_url}>; rel="item"; type="application/pdf"' in links
    assert '<https://orcid.org/0000-0002-1825-0097>; rel="author"' in links
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in links
    assert 'rel="describedby"; type="application/vnd.citationstyles.csl+json"' in links
    assert '<https://schema.org/Report>; rel="type"' in links


def test_an_embargoed_pdf_has_no_pdf_url_no_item_link_and_no_download(client, brief):
    file = _attach_pdf(
        brief, embargo_until=timezone.localdate() + dt.timedelta(days=30)
    )
    response = client.get(f"/research/{brief.slug}/")
    document = html.fromstring(response.content)
    assert _meta(document, "citation_pdf_url") == []
    assert 'rel="item"' not in response["Link"]
    assert file.url not in response.content.decode()
    assert f"/files/{brief.files.get().pk}/" not in response.content.decode()
    # the abstract stays visible
    assert brief.abstract in response.content.decode()


def test_the_json_ld_cannot_close_its_script(client, index, author):
    page = publication_create(
        index=index, authors=[author], abstract="</script><script>alert(1)</script>"
    )
    body = client.get(f"/research/{page.slug}/").content.decode()
    assert "<script>alert(1)" not in body
