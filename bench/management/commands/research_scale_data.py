"""Fill the research portal for load tests.

    manage.py research_scale_data --publications 10000

Adds publications under the demo's Korean publication index (run `seed_demo`
first) until there are `--publications` bench publications, each live with an
OAI-PMH record: every type, 1999–2026, two to three people from forty, one or
two of twelve topics, a third in one of four series, a fifth with a DOI (so
also in oai_datacite). Rerunning it adds only what is missing.

Made in bulk, not through Wagtail's publish (10,000 publishes take most of an
hour): Page rows by `bulk_create` with their tree paths, then the
publications' own rows in one INSERT a batch, since Django refuses
`bulk_create` for a multi-table model. No revisions and no English aliases are
made: the bench reads the Korean pages, the index and OAI-PMH.
"""

import datetime as dt
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from lms.core.page_cache import page_cache_clear
from research_portal.models import (
    AuthorRole,
    Licence,
    OaiRecord,
    Person,
    PublicationIndexPage,
    PublicationPage,
    PublicationPageAuthor,
    PublicationType,
    Series,
    Topic,
    utc_seconds,
)

PREFIX = "bench-pub-"
BATCH = 500
WORDS = [
    "사회적경제",
    "협동조합",
    "마을기업",
    "지역활성화",
    "돌봄",
    "리빙랩",
    "청년",
    "농촌",
    "도시재생",
    "사회혁신",
    "공동체",
    "일자리",
]


class Command(BaseCommand):
    help = "Add bench publications (with OAI-PMH records) to the research portal."

    def add_arguments(self, parser):
        parser.add_argument("--publications", type=int, default=10000)

    def handle(self, *args, publications: int, **options):
        with transaction.atomic():
            self.fill(publications)
        page_cache_clear()  # bulk writes send no signals
        if connection.vendor == "postgresql":
            # what autovacuum would do before long: plans from real row counts
            with connection.cursor() as cursor:
                for model in (
                    Page,
                    PublicationPage,
                    PublicationPageAuthor,
                    PublicationPage.topics.through,
                    OaiRecord,
                ):
                    cursor.execute(f'ANALYZE "{model._meta.db_table}"')

    def fill(self, publications: int) -> None:
        index = (
            PublicationIndexPage.objects.filter(locale__language_code="ko")
            .order_by("depth", "pk")
            .first()
        )
        if index is None:
            raise CommandError("no publication index: run seed_demo first")
        have = PublicationPage.objects.filter(slug__startswith=PREFIX).count()
        missing = publications - have
        if missing <= 0:
            self.stdout.write(f"{have} bench publications already")
            return
        people, topics, series = _people(), _topics(), _series()
        rng = random.Random(have)
        made = 0
        while made < missing:
            count = min(BATCH, missing - made)
            _batch(index, have + made, count, rng, people, topics, series)
            made += count
        self.stdout.write(f"added {made} bench publications ({have + made} in all)")


def _people() -> list[Person]:
    people = []
    for n in range(40):
        person, _ = Person.objects.get_or_create(
            slug=f"bench-person-{n}",
            defaults={
                "name": f"연구자{n}",
                "name_en": f"Researcher Bench{n}",
                "family_name_en": f"Bench{n}",
                "affiliation": "연구센터",
                "affiliation_en": "Research Center",
            },
        )
        people.append(person)
    return people


def _topics() -> list[Topic]:
    return [
        Topic.objects.get_or_create(
            slug=f"bench-topic-{n}",
            defaults={"name": f"{word} 주제", "name_en": f"Bench topic {n}"},
        )[0]
        for n, word in enumerate(WORDS)
    ]


def _series() -> list[Series]:
    return [
        Series.objects.get_or_create(
            slug=f"bench-series-{n}",
            defaults={
                "name": f"벤치 총서 {n}",
                "name_en": f"Bench series {n}",
                "publisher": "연구센터",
            },
        )[0]
        for n in range(4)
    ]


def _batch(index, start, count, rng, people, topics, series) -> None:
    """`count` publications numbered from `start`, in a few queries."""
    index = PublicationIndexPage.objects.get(pk=index.pk)  # fresh numchild
    last = index.get_last_child()
    step = last._get_lastpos_in_path() if last else 0
    content_type = ContentType.objects.get_for_model(PublicationPage)
    types = list(PublicationType.values)
    now = timezone.now()
    pages = []
    for i in range(count):
        n = start + i
        words = rng.sample(WORDS, 3)
        title = f"{' '.join(words)} 연구 {n}"
        page = PublicationPage(
            title=title,
            draft_title=title,
            slug=f"{PREFIX}{n}",
            path=Page._get_path(index.path, index.depth + 1, step + i + 1),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{PREFIX}{n}/",
            content_type=content_type,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            publication_type=types[n % len(types)],
            title_en=f"Bench study {n}",
            abstract=f"{' '.join(words)}에 관한 벤치마크 연구 {n}. " * 4,
            abstract_en=f"A bench study of {n}. " * 4,
            date_published=dt.date(1999 + n % 28, 1 + n % 12, 1 + n % 28),
            language="en" if n % 10 == 0 else "ko",
            keywords=", ".join(words),
            licence=Licence.CC_BY_NC if n % 3 else Licence.CC_BY,
            publisher="연구센터",
            doi=f"10.5555/bench.{n}" if n % 5 == 0 else "",
            series=series[n % 4] if n % 3 == 0 else None,
            volume=str(n // 12 + 1) if n % 3 == 0 else "",
            funder="전라북도" if n % 4 == 0 else "",
        )
        page.search_text = "\n".join(
            [page.title, page.title_en, page.abstract, page.keywords]
        )
        pages.append(page)
    _insert_pages(pages)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)

    credits, links, records = [], [], []
    through = PublicationPage.topics.through
    for i, page in enumerate(pages):
        n = start + i
        for order, person in enumerate(rng.sample(people, 2 + n % 2)):
            role = AuthorRole.EDITOR if order == 2 else AuthorRole.AUTHOR
            credits.append(
                PublicationPageAuthor(
                    page_id=page.pk, person=person, role=role, sort_order=order
                )
            )
        chosen = rng.sample(topics, 1 + n % 2)
        links += [
            through(publicationpage_id=page.pk, topic_id=topic.pk) for topic in chosen
        ]
        specs = [f"type:{page.publication_type}"]
        if page.series:
            specs.append(f"series:{page.series.slug}")
        specs += [f"topic:{topic.slug}" for topic in chosen]
        records.append(
            OaiRecord(
                publication_id=page.pk,
                page_id=page.pk,
                datestamp=utc_seconds(now - dt.timedelta(seconds=100000 - n)),
                set_specs=" " + " ".join(specs) + " ",
                formats=" oai_dc oai_datacite " if page.doi else " oai_dc ",
            )
        )
    PublicationPageAuthor.objects.bulk_create(credits)
    through.objects.bulk_create(links)
    OaiRecord.objects.bulk_create(records)


def _insert_pages(pages: list[PublicationPage]) -> None:
    """The Page rows, then the publications' rows with the same ids."""
    parent_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(page, f.attname) for f in parent_fields})
            for page in pages
        ]
    )
    for page, base in zip(pages, bases, strict=True):
        page.page_ptr_id = page.id = base.pk
    # what bulk_create does for one table, which Django refuses for a child model
    local = PublicationPage._meta.local_concrete_fields
    PublicationPage.objects._insert(pages, fields=local, raw=True)
