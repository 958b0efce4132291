"""An independent harvester (sickle) harvests /oai over HTTP from a live server:
every page of the list, exactly the published records, deleted ones as deleted,
and every response valid against the official schemas."""

import pytest
from sickle import Sickle

from research_portal.models import OaiRecord
from research_portal.oai import oai_identifier

from ..factories.research import publication_create
from .oai_schema import assert_valid


@pytest.fixture
def harvest_pages(index, author, topic):
    pages = [
        publication_create(index=index, authors=[author], topics=[topic])
        for _ in range(7)
    ]
    pages[1].unpublish()
    deleted = pages[5].pk
    pages[5].delete()
    return pages, deleted


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sickle_harvests_every_record_with_tombstones(
    live_server, harvest_pages, settings
):
    settings.OAI_PAGE_SIZE = 2
    pages, deleted_id = harvest_pages
    sickle = Sickle(live_server.url + "/oai", max_retries=1)
    responses = []

    records = sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False)
    harvested = []
    for record in records:
        harvested.append(record)
        responses.append(records.oai_response.raw)
    assert len({id(r) for r in responses}) >= 1
    for raw in set(responses):
        assert_valid(raw.encode())

    assert len(harvested) == OaiRecord.objects.count() == 7
    by_id = {record.header.identifier: record for record in harvested}
    assert by_id[oai_identifier(pages[1].pk)].deleted
    assert by_id[oai_identifier(deleted_id)].deleted
    live = [r for r in harvested if not r.deleted]
    assert len(live) == 5
    sample = by_id[oai_identifier(pages[0].pk)]
    assert sample.metadata["title"][0] == pages[0].title
    assert sample.metadata["identifier"][0] == (
        f"{live_server.url}/research/{pages[0].slug}/"
    )

    # the identifiers alone, and a set, page by page too
    headers = list(
        sickle.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False)
    )
    assert [h.identifier for h in headers] == [r.header.identifier for r in harvested]
    assert sickle.Identify().deletedRecord == "persistent"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sickle_harvests_datacite_records_of_publications_with_a_doi(
    live_server, index, author, settings
):
    settings.OAI_PAGE_SIZE = 2
    with_doi = [
        publication_create(index=index, authors=[author], doi=f"10.5555/campus.{n}")
        for n in range(5)
    ]
    publication_create(index=index, authors=[author])  # no DOI: oai_dc only
    with_doi[3].unpublish()
    sickle = Sickle(live_server.url + "/oai", max_retries=1)

    records = sickle.ListRecords(metadataPrefix="oai_datacite", ignore_deleted=False)
    harvested, responses = [], set()
    for record in records:
        harvested.append(record)
        responses.add(records.oai_response.raw)
    assert len(responses) == 3  # 2 + 2 + 1, the last with an empty token
    for raw in responses:
        assert_valid(raw.encode())
    by_id = {record.header.identifier: record for record in harvested}
    assert set(by_id) == {oai_identifier(page.pk) for page in with_doi}
    assert by_id[oai_identifier(with_doi[3].pk)].deleted
    sample = by_id[oai_identifier(with_doi[0].pk)]
    assert "10.5555/campus.0" in sample.metadata["identifier"]
    assert sample.metadata["schemaVersion"] == ["4.7"]
    assert sample.metadata["title"][0] == with_doi[0].title
    live = sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=True)
    assert len(list(live)) == 5
