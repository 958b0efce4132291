"""OAI-PMH 2.0 at /oai: every verb's answer validates against the official
schemas; the error matrix; resumption tokens; from/until; sets; tombstones."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import signing

from research_portal.models import OaiRecord, PublicationType
from research_portal.oai import TOKEN_SALT, oai_identifier

from ..factories.research import publication_create
from .oai_schema import NS, assert_valid

T0 = dt.datetime(2025, 1, 10, 9, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def records(index, author, topic, series):
    """Seven publications, one a minute from T0; the third is a policy brief in
    the series with the topic."""
    pages = []
    for i in range(7):
        with time_machine.travel(T0 + dt.timedelta(minutes=i), tick=False):
            extra = {}
            if i == 2:
                extra = {
                    "publication_type": PublicationType.POLICY_BRIEF,
                    "series": series,
                    "volume": "24",
                }
            pages.append(
                publication_create(
                    index=index,
                    authors=[author],
                    topics=[topic] if i == 2 else [],
                    **extra,
                )
            )
    return pages


def oai(client, method="get", **params):
    response = getattr(client, method)("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return assert_valid(response.content)


def error_code(document) -> str | None:
    error = document.find("oai:error", NS)
    return None if error is None else error.get("code")


def identifiers(document) -> list[str]:
    return [e.text for e in document.iterfind(".//oai:header/oai:identifier", NS)]


# --- the verbs -----------------------------------------------------------------


def test_identify_says_persistent_deletions_seconds_and_the_earliest_datestamp(
    client, records
):
    records[0].unpublish()  # a deleted record still counts for earliestDatestamp
    OaiRecord.objects.filter(publication_id=records[0].pk).update(
        datestamp=T0 - dt.timedelta(days=3)
    )
    document = oai(client, verb="Identify")
    identify = document.find("oai:Identify", NS)
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == (
        "2025-01-07T09:00:00Z"
    )
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai"
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
        document.findtext("oai:responseDate", namespaces=NS),
    )


def test_list_metadata_formats_offers_oai_dc_with_its_official_schema(client, records):
    document = oai(client, verb="ListMetadataFormats")
    formats = document.findall(".//oai:metadataFormat", NS)
    assert [f.findtext("oai:metadataPrefix", namespaces=NS) for f in formats] == [
        "oai_dc",
        "oai_datacite",
    ]
    assert formats[0].findtext("oai:schema", namespaces=NS) == (
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    one = oai(
        client, verb="ListMetadataFormats", identifier=oai_identifier(records[0].pk)
    )
    assert error_code(one) is None
    # without a DOI, a record is not offered in oai_datacite
    assert [e.text for e in one.iterfind(".//oai:metadataPrefix", NS)] == ["oai_dc"]


def test_list_sets_has_types_series_and_topics(client, records, series, topic):
    document = oai(client, verb="ListSets")
    specs = [e.text for e in document.iterfind(".//oai:setSpec", NS)]
    assert {"type", "type:policy_brief", "series", f"series:{series.slug}"} <= set(
        specs
    )
    assert f"topic:{topic.slug}" in specs


def test_get_record_gives_oai_dc_with_the_absolute_landing_page(client, records):
    page = records[2]
    document = oai(
        client,
        verb="GetRecord",
        identifier=oai_identifier(page.pk),
        metadataPrefix="oai_dc",
    )
    dc = document.find(".//oai_dc:dc", NS)
    assert dc.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ "
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    identifiers_ = [e.text for e in dc.iterfind("dc:identifier", NS)]
    assert identifiers_[0] == f"http://testserver/research/{page.slug}/"
    titles = {
        e.get("{http://www.w3.org/XML/1998/namespace}lang"): e.text
        for e in dc.iterfind("dc:title", NS)
    }
    assert titles == {"ko": page.title, "en": page.title_en}
    assert dc.findtext("dc:creator", namespaces=NS) == "최지훈"
    assert dc.findtext("dc:date", namespaces=NS) == page.date_published.isoformat()
    header = document.find(".//oai:header", NS)
    assert [e.text for e in header.iterfind("oai:setSpec", NS)] == [
        "type:policy_brief",
        "series:jbri-policy-brief",
        "topic:cooperatives",
    ]


def test_post_answers_like_get(client, records):
    by_get = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    by_post = oai(
        client, method="post", verb="ListIdentifiers", metadataPrefix="oai_dc"
    )
    assert identifiers(by_get) == identifiers(by_post)


# --- resumption ------------------------------------------------------------------


def test_list_records_pages_with_keyset_tokens_and_ends_with_an_empty_token(
    client, records, settings
):
    settings.OAI_PAGE_SIZE = 3
    seen, cursors = [], []
    document = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    while True:
        seen += identifiers(document)
        token = document.find(".//oai:resumptionToken", NS)
        assert token is not None
        assert token.get("completeListSize") == "7"
        cursors.append(token.get("cursor"))
        if not token.text:
            assert token.get("expirationDate") is None
            break
        expires = dt.datetime.strptime(
            token.get("expirationDate"), "%Y-%m-%dT%H:%M:%S%z"
        )
        assert expires - dt.datetime.now(dt.UTC) >= dt.timedelta(hours=24)
        document = oai(client, verb="ListRecords", resumptionToken=token.text)
    assert cursors == ["0", "3", "6"]
    assert seen == [oai_identifier(page.pk) for page in records]


def test_a_list_that_fits_in_one_response_has_no_token(client, records):
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert document.find(".//oai:resumptionToken", NS) is None
    assert len(identifiers(document)) == 7


def test_a_record_changed_during_a_harvest_is_not_lost_nor_repeated(
    client, records, settings
):
    settings.OAI_PAGE_SIZE = 3
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.findtext(".//oai:resumptionToken", namespaces=NS)
    # a record of the first page changes: a new datestamp, after the harvest began
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)):
        records[0].save_revision().publish()
    rest = []
    while token:
        document = oai(client, verb="ListIdentifiers", resumptionToken=token)
        rest += identifiers(document)
        token = document.findtext(".//oai:resumptionToken", namespaces=NS)
    assert identifiers(first) + rest == [oai_identifier(p.pk) for p in records]


def test_a_changed_record_gets_a_new_datestamp(client, records):
    before = OaiRecord.objects.get(publication_id=records[1].pk).datestamp
    later = T0 + dt.timedelta(days=2, seconds=7, microseconds=500)
    with time_machine.travel(later, tick=False):
        records[1].save_revision().publish()
    after = OaiRecord.objects.get(publication_id=records[1].pk).datestamp
    assert after > before
    assert after == later.replace(microsecond=0)
    document = oai(
        client,
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        **{"from": "2025-01-12"},
    )
    assert (
        document.findtext(".//oai:datestamp", namespaces=NS) == "2025-01-12T09:00:07Z"
    )
    assert identifiers(document) == [oai_identifier(records[1].pk)]


# --- selective harvesting -------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"from": "2025-01-10T09:02:00Z"}, [2, 3, 4, 5, 6]),
        ({"until": "2025-01-10T09:01:00Z"}, [0, 1]),
        ({"from": "2025-01-10T09:01:00Z", "until": "2025-01-10T09:03:00Z"}, [1, 2, 3]),
        ({"from": "2025-01-10", "until": "2025-01-10"}, [0, 1, 2, 3, 4, 5, 6]),
        ({"set": "type:policy_brief"}, [2]),
        ({"set": "type"}, [0, 1, 2, 3, 4, 5, 6]),
        ({"set": "series:jbri-policy-brief"}, [2]),
        ({"set": "topic:cooperatives"}, [2]),
    ],
)
def test_from_until_and_sets_select_records(client, records, arguments, expected):
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **arguments)
    assert identifiers(document) == [oai_identifier(records[i].pk) for i in expected]


# --- deleted records --------------------------------------------------------------


def test_unpublished_and_deleted_publications_stay_as_deleted_records(client, records):
    records[3].unpublish()
    deleted_id = records[4].pk
    records[4].delete()
    document = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    by_id = {
        record.findtext("oai:header/oai:identifier", namespaces=NS): record
        for record in document.iterfind(".//oai:record", NS)
    }
    assert len(by_id) == 7
    for publication_id in (records[3].pk, deleted_id):
        record = by_id[oai_identifier(publication_id)]
        assert record.find("oai:header", NS).get("status") == "deleted"
        assert record.find("oai:metadata", NS) is None
    one = oai(
        client,
        verb="GetRecord",
        identifier=oai_identifier(deleted_id),
        metadataPrefix="oai_dc",
    )
    assert one.find(".//oai:header", NS).get("status") == "deleted"
    # republished, it is a live record again
    records[3].save_revision().publish()
    again = oai(
        client,
        verb="GetRecord",
        identifier=oai_identifier(records[3].pk),
        metadataPrefix="oai_dc",
    )
    assert again.find(".//oai:header", NS).get("status") is None


# --- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "ListEverything"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "colour": "red"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2025-01-10",
                "until": "2025-01-11T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "10 January 2025",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2025-01-10T09:00:00",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2025-02-30"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2025-01-12",
                "until": "2025-01-11",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
            "badArgument",
        ),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "marc21"},
            "cannotDisseminateFormat",
        ),
        (
            {"verb": "GetRecord", "identifier": "FIRST", "metadataPrefix": "marc21"},
            "cannotDisseminateFormat",
        ),
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:campus.example:publication/999999",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:elsewhere.example:publication/1",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        (
            {"verb": "ListMetadataFormats", "identifier": "oai:campus.example:nothing"},
            "idDoesNotExist",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2030-01-01"},
            "noRecordsMatch",
        ),
        (
            {
                "verb": "ListIdentifiers",
                "metadataPrefix": "oai_dc",
                "set": "series:nothing-here",
            },
            "noRecordsMatch",
        ),
        (
            {"verb": "ListRecords", "resumptionToken": "forged-token"},
            "badResumptionToken",
        ),
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
    ],
)
def test_error_matrix(client, index, author, params, code):
    record = publication_create(index=index, authors=[author])
    params = {
        key: (oai_identifier(record.pk) if value == "FIRST" else value)
        for key, value in params.items()
    }
    document = oai(client, **params)
    assert error_code(document) == code
    request = document.find("oai:request", NS)
    if code in ("badVerb", "badArgument"):
        # the base URL only, without attributes
        assert dict(request.attrib) == {}
    assert request.text == "http://testserver/oai"
    # an error answer carries no verb element
    assert [child.tag.split("}")[1] for child in document] == [
        "responseDate",
        "request",
        "error",
    ]


def test_a_tampered_token_is_refused(client, records, settings):
    settings.OAI_PAGE_SIZE = 3
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = document.findtext(".//oai:resumptionToken", namespaces=NS)
    payload = signing.loads(token, salt=TOKEN_SALT)
    payload["c"] = 0  # rewind the cursor, keep the position
    forged = signing.dumps(payload, salt="another salt", compress=True)
    assert error_code(oai(client, verb="ListIdentifiers", resumptionToken=forged)) == (
        "badResumptionToken"
    )
    # another verb's token is refused too
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) == (
        "badResumptionToken"
    )


def test_an_expired_token_is_refused_and_a_fresh_one_lasts_a_day(
    client, records, settings
):
    settings.OAI_PAGE_SIZE = 3
    document = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = document.findtext(".//oai:resumptionToken", namespaces=NS)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=24)):
        assert (
            error_code(oai(client, verb="ListIdentifiers", resumptionToken=token))
            is None
        )
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=26)):
        assert error_code(
            oai(client, verb="ListIdentifiers", resumptionToken=token)
        ) == ("badResumptionToken")


def test_an_empty_repository_answers_no_records_match(client, index):
    document = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert error_code(document) == "noRecordsMatch"
