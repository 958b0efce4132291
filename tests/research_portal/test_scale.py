"""The bench's scale generator, and the research portal's queries flat from 5 to
2,000 publications: the index with facets, a publication page, OAI-PMH lists."""

import io

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.management.commands.research_scale_data import Command
from research_portal.models import OaiRecord, PublicationPage
from research_portal.selectors import publication_search
from tests.factories.research import publication_create

from .oai_schema import NS, assert_valid

URLS = [
    "/research/",
    "/research/?type=research_report&sort=title",
    "/research/?q=%ED%98%91%EB%8F%99%EC%A1%B0%ED%95%A9",
    "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
    "/oai?verb=ListRecords&metadataPrefix=oai_datacite",
]


def _queries(client, url) -> tuple[int, int]:
    """Queries of a request with nothing cached, then of the same one again."""
    client.get(url)  # warm what a first request warms in the process
    counts = []
    for clear in (True, False):
        if clear:
            cache.clear()  # facets and rendered OAI records too
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        counts.append(len(context))
    return tuple(counts)


def _generate(publications: int) -> None:
    Command(stdout=io.StringIO()).handle(publications=publications)


def test_queries_stay_flat_from_5_to_2000_publications(client, index, author, topic):
    for n in range(5):
        publication_create(
            index=index, authors=[author], topics=[topic], doi=f"10.5555/few.{n}"
        )
    page = publication_create(index=index, authors=[author], topics=[topic])
    page_url = f"/research/{page.slug}/"
    few = {url: _queries(client, url) for url in [*URLS, page_url]}

    _generate(2000)
    assert PublicationPage.objects.filter(slug__startswith="bench-pub-").count() == 2000
    many = {url: _queries(client, url) for url in [*URLS, page_url]}
    many["bench page"] = _queries(client, "/research/bench-pub-1000/")
    assert many == few | {"bench page": few[page_url]}


def test_the_generator_makes_harvestable_faceted_publications(client, index):
    _generate(120)
    _generate(150)  # tops up, adds only what is missing
    assert PublicationPage.objects.filter(slug__startswith="bench-pub-").count() == 150
    assert OaiRecord.objects.count() == 150
    assert OaiRecord.objects.filter(formats__contains=" oai_datacite ").count() == 30
    search = publication_search()
    assert search.count == 150
    assert {facet.name for facet in search.facets} >= {"type", "year", "topic"}
    assert client.get("/research/bench-pub-149/").status_code == 200
    document = assert_valid(
        client.get(
            "/oai", {"verb": "ListRecords", "metadataPrefix": "oai_datacite"}
        ).content
    )
    assert len(document.findall(".//oai:record", NS)) == 30
