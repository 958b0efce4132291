"""oai_datacite: DataCite kernel-4 in DataCite's OAI wrapper, offered for the
publications that have a DOI. Every answer validates against the official OAI-PMH
schemas and DataCite's own (tests/schemas/datacite/)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from filer.models import File

from research_portal.models import (
    AuthorRole,
    Licence,
    OaiRecord,
    PublicationPageFile,
    PublicationType,
)
from research_portal.oai import oai_identifier
from tests.factories.research import person_create, publication_create

from .oai_schema import NS, assert_valid

DOI = "10.5555/jbri.2017.24"


def oai(client, **params):
    response = client.get("/oai", params)
    assert response.status_code == 200
    return assert_valid(response.content)


def error_code(document):
    error = document.find("oai:error", NS)
    return None if error is None else error.get("code")


def resource_of(document):
    resource = document.find(".//oai_datacite:payload/datacite:resource", NS)
    assert resource is not None
    return resource


def texts(resource, path):
    return [e.text for e in resource.iterfind(path, NS)]


@pytest.fixture
def editor(db):
    return person_create(
        name="박서연",
        name_en="Seoyeon Park",
        family_name_en="Park",
        affiliation="전북연구원",
        affiliation_en="Jeonbuk Research Institute",
    )


@pytest.fixture
def brief(index, author, editor, topic, series):
    """A policy brief with a DOI and every field DataCite maps."""
    author.affiliation_en = "Jeonbuk Research Institute"
    author.save()
    return publication_create(
        index=index,
        authors=[author, (editor, AuthorRole.EDITOR)],
        topics=[topic],
        publication_type=PublicationType.POLICY_BRIEF,
        title="사회적경제 네트워크 혁신타운 조성방안",
        title_en="Building a social economy network innovation town",
        abstract="사회혁신과 지역활성화",
        abstract_en="Social innovation and local revitalisation",
        date_published=dt.date(2017, 12, 20),
        doi=DOI,
        series=series,
        volume="24",
        number="3",
        licence=Licence.CC_BY_NC,
        keywords="사회적경제, 혁신타운",
        funder="전라북도",
        project="혁신타운 기본구상",
    )


@pytest.fixture
def plain(index, author):
    """A publication without a DOI: oai_dc only."""
    return publication_create(index=index, authors=[author])


def test_get_record_maps_the_publication_to_datacite(client, brief, series):
    series.issn = "2005-8063"
    series.save()
    brief.save_revision().publish()
    document = oai(
        client,
        verb="GetRecord",
        identifier=oai_identifier(brief.pk),
        metadataPrefix="oai_datacite",
    )
    assert error_code(document) is None
    wrapper = document.find(".//oai_datacite:oai_datacite", NS)
    assert wrapper.findtext("oai_datacite:schemaVersion", namespaces=NS) == "4.7"
    resource = resource_of(document)
    identifier = resource.find("datacite:identifier", NS)
    assert (identifier.text, identifier.get("identifierType")) == (DOI, "DOI")

    creators = resource.findall("datacite:creators/datacite:creator", NS)
    assert len(creators) == 1
    creator = creators[0]
    assert creator.findtext("datacite:creatorName", namespaces=NS) == "Choi, Jihoon"
    assert creator.find("datacite:creatorName", NS).get("nameType") == "Personal"
    assert creator.findtext("datacite:givenName", namespaces=NS) == "Jihoon"
    orcid = creator.find("datacite:nameIdentifier", NS)
    assert orcid.text == "https://orcid.org/0000-0002-1825-0097"
    assert orcid.get("nameIdentifierScheme") == "ORCID"
    assert texts(creator, "datacite:affiliation") == ["Jeonbuk Research Institute"]
    contributor = resource.find("datacite:contributors/datacite:contributor", NS)
    assert contributor.get("contributorType") == "Editor"
    assert contributor.findtext("datacite:contributorName", namespaces=NS) == (
        "Park, Seoyeon"
    )

    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    titles = resource.findall("datacite:titles/datacite:title", NS)
    assert [(t.get(lang), t.get("titleType"), t.text) for t in titles] == [
        ("ko", None, brief.title),
        ("en", "TranslatedTitle", brief.title_en),
    ]
    assert resource.findtext("datacite:publicationYear", namespaces=NS) == "2017"
    kind = resource.find("datacite:resourceType", NS)
    assert (kind.get("resourceTypeGeneral"), kind.text) == ("Report", "Policy brief")
    subjects = texts(resource, "datacite:subjects/datacite:subject")
    assert {"사회적경제", "혁신타운"} <= set(subjects)
    date = resource.find("datacite:dates/datacite:date", NS)
    assert (date.get("dateType"), date.text) == ("Issued", "2017-12-20")
    assert resource.findtext("datacite:language", namespaces=NS) == "ko"
    alternate = resource.find("datacite:alternateIdentifiers/*", NS)
    assert alternate.get("alternateIdentifierType") == "URL"
    assert alternate.text == f"http://testserver/research/{brief.slug}/"
    related = resource.find("datacite:relatedIdentifiers/*", NS)
    assert (related.get("relationType"), related.get("relatedIdentifierType")) == (
        "IsPartOf",
        "ISSN",
    )
    assert related.text == "2005-8063"
    item = resource.find("datacite:relatedItems/datacite:relatedItem", NS)
    assert item.findtext("datacite:volume", namespaces=NS) == "24"
    assert item.findtext("datacite:number", namespaces=NS) == "3"
    rights = resource.find("datacite:rightsList/datacite:rights", NS)
    assert rights.get("rightsURI") == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert rights.get("rightsIdentifier") == "CC-BY-NC-4.0"
    descriptions = resource.findall("datacite:descriptions/datacite:description", NS)
    assert [(d.get(lang), d.get("descriptionType")) for d in descriptions] == [
        ("ko", "Abstract"),
        ("en", "Abstract"),
    ]
    funding = resource.find("datacite:fundingReferences/*", NS)
    assert funding.findtext("datacite:funderName", namespaces=NS) == "전라북도"
    assert funding.findtext("datacite:awardTitle", namespaces=NS) == "혁신타운 기본구상"


def test_a_record_without_a_doi_cannot_be_disseminated_in_datacite(
    client, brief, plain
):
    document = oai(
        client,
        verb="GetRecord",
        identifier=oai_identifier(plain.pk),
        metadataPrefix="oai_datacite",
    )
    assert error_code(document) == "cannotDisseminateFormat"
    formats = oai(
        client, verb="ListMetadataFormats", identifier=oai_identifier(plain.pk)
    )
    assert texts(formats, ".//oai:metadataPrefix") == ["oai_dc"]
    formats = oai(
        client, verb="ListMetadataFormats", identifier=oai_identifier(brief.pk)
    )
    assert texts(formats, ".//oai:metadataPrefix") == ["oai_dc", "oai_datacite"]
    # the same record in oai_dc is fine
    document = oai(
        client,
        verb="GetRecord",
        identifier=oai_identifier(plain.pk),
        metadataPrefix="oai_dc",
    )
    assert error_code(document) is None


def test_lists_in_datacite_hold_only_records_with_a_doi(client, brief, plain):
    for verb in ("ListRecords", "ListIdentifiers"):
        document = oai(client, verb=verb, metadataPrefix="oai_datacite")
        assert texts(document, ".//oai:header/oai:identifier") == [
            oai_identifier(brief.pk)
        ]
        document = oai(client, verb=verb, metadataPrefix="oai_dc")
        assert len(texts(document, ".//oai:header/oai:identifier")) == 2


def test_no_record_with_a_doi_means_no_records_match(client, plain):
    document = oai(client, verb="ListRecords", metadataPrefix="oai_datacite")
    assert error_code(document) == "noRecordsMatch"


def test_a_deleted_record_stays_in_datacite_lists_as_deleted(client, brief, plain):
    brief.unpublish()
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_datacite")
    header = document.find(".//oai:header", NS)
    assert header.get("status") == "deleted"
    assert header.findtext("oai:identifier", namespaces=NS) == oai_identifier(brief.pk)
    document = oai(
        client,
        verb="GetRecord",
        identifier=oai_identifier(brief.pk),
        metadataPrefix="oai_datacite",
    )
    assert document.find(".//oai:metadata", NS) is None


def test_adding_a_doi_later_offers_the_record_in_datacite(client, plain):
    plain.doi = DOI
    plain.save_revision().publish()
    assert OaiRecord.objects.get(publication_id=plain.pk).format_list == [
        "oai_dc",
        "oai_datacite",
    ]
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_datacite")
    assert texts(document, ".//oai:header/oai:identifier") == [oai_identifier(plain.pk)]


@pytest.mark.parametrize(
    ("fields", "general"),
    [
        ({"publication_type": PublicationType.RESEARCH_REPORT}, "Report"),
        ({"publication_type": PublicationType.WORKING_PAPER}, "Preprint"),
        (
            {
                "publication_type": PublicationType.JOURNAL_ARTICLE,
                "container_title": "사회적경제와 정책",
                "issn": "2005-8063",
            },
            "JournalArticle",
        ),
        ({"publication_type": PublicationType.BOOK, "isbn": "9788934972464"}, "Book"),
        (
            {
                "publication_type": PublicationType.BOOK,
                "container_title": "사회적경제의 이해",
                "isbn": "9788934972464",
            },
            "BookChapter",
        ),
        ({"publication_type": PublicationType.DATASET, "language": "en"}, "Dataset"),
        ({"publication_type": PublicationType.PRESENTATION}, "Presentation"),
        ({"publication_type": PublicationType.LIVING_LAB_REPORT}, "Report"),
    ],
)
def test_each_type_has_its_resource_type_and_validates(
    client, index, author, fields, general
):
    page = publication_create(
        index=index,
        authors=[author],
        doi=DOI,
        licence=Licence.ALL_RIGHTS_RESERVED,
        **fields,
    )
    document = oai(
        client,
        verb="GetRecord",
        identifier=oai_identifier(page.pk),
        metadataPrefix="oai_datacite",
    )
    resource = resource_of(document)
    kind = resource.find("datacite:resourceType", NS)
    assert kind.get("resourceTypeGeneral") == general
    rights = resource.find("datacite:rightsList/datacite:rights", NS)
    assert rights.get("rightsIdentifier") is None  # all rights reserved: no licence
    related = {
        (e.get("relationType"), e.get("relatedIdentifierType"), e.text)
        for e in resource.iterfind("datacite:relatedIdentifiers/*", NS)
    }
    alternates = texts(resource, "datacite:alternateIdentifiers/*")
    if general == "BookChapter":
        assert ("IsPartOf", "ISBN", "9788934972464") in related
        assert "9788934972464" not in alternates
    if general == "Book":
        assert "9788934972464" in alternates
    if general == "JournalArticle":
        assert ("IsPublishedIn", "ISSN", "2005-8063") in related
    if general == "Dataset":
        titles = resource.findall("datacite:titles/datacite:title", NS)
        assert titles[0].get("titleType") == "TranslatedTitle"  # Korean, in English
        assert titles[1].get("titleType") is None


def _pdf(name):
    return File.objects.create(
        original_filename=f"{name}.pdf",
        name=name,
        is_public=True,
        file=ContentFile(b"%PDF-1.4 " + name.encode(), name=f"{name}.pdf"),
    )


def test_embargo_versions_and_formats(client, brief):
    PublicationPageFile.objects.create(
        page=brief,
        file=_pdf("v2"),
        is_main=True,
        version="2.0",
        embargo_until=dt.date(2099, 1, 1),
    )
    old = PublicationPageFile.objects.create(page=brief, file=_pdf("v1"), version="1.0")
    brief.save_revision().publish()
    resource = resource_of(
        oai(
            client,
            verb="GetRecord",
            identifier=oai_identifier(brief.pk),
            metadataPrefix="oai_datacite",
        )
    )
    dates = {
        e.get("dateType"): e.text for e in resource.iterfind("datacite:dates/*", NS)
    }
    assert dates == {"Issued": "2017-12-20", "Available": "2099-01-01"}
    assert resource.findtext("datacite:version", namespaces=NS) == "2.0"
    # the main file is embargoed: no format offered yet
    assert resource.find("datacite:formats", NS) is None
    versions = [
        e.text
        for e in resource.iterfind("datacite:relatedIdentifiers/*", NS)
        if e.get("relationType") == "HasVersion"
    ]
    assert versions == [f"http://testserver/research/{brief.slug}/files/{old.pk}/"]


def test_list_records_in_datacite_reads_a_fixed_number_of_queries(
    client, index, author, editor, topic, series, settings
):
    settings.OAI_PAGE_SIZE = 100

    def count(*, cold=True):
        if cold:
            cache.clear()  # every record rendered, not read from the cache
        with CaptureQueriesContext(connection) as queries:
            document = oai(client, verb="ListRecords", metadataPrefix="oai_datacite")
        assert error_code(document) is None
        return len(queries)

    def add(n):
        for _ in range(n):
            publication_create(
                index=index,
                authors=[author, (editor, AuthorRole.EDITOR)],
                topics=[topic],
                series=series,
                doi=DOI,
            )

    add(2)
    count()  # the first request warms per-process caches (site, locale)
    few = count()
    add(4)
    assert count() == few
    assert few <= 9
    # rendered records come from the cache: the list and its count only
    assert count(cold=False) == 2


def test_a_renamed_author_is_not_served_from_the_metadata_cache(client, brief, author):
    def creator():
        resource = resource_of(
            oai(client, verb="ListRecords", metadataPrefix="oai_datacite")
        )
        return resource.findtext(".//datacite:creatorName", namespaces=NS)

    assert creator() == "Choi, Jihoon"
    author.name_en, author.family_name_en = "Jiho Choe", "Choe"
    author.save()
    assert creator() == "Choe, Jiho"
