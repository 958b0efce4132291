"""Builders of research-portal content for tests: published through Wagtail's
revisions, so that the signals (OAI records, aliases) run as in the admin."""

import datetime as dt
import itertools

import factory

from research_portal.models import (
    AuthorRole,
    Person,
    PublicationIndexPage,
    PublicationPage,
    PublicationPageAuthor,
    PublicationType,
    Series,
    Topic,
)

_numbers = itertools.count(1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"연구자{n}")
    name_en = factory.Sequence(lambda n: f"Researcher Kim{n}")
    family_name_en = factory.Sequence(lambda n: f"Kim{n}")
    slug = factory.Sequence(lambda n: f"researcher-{n}")
    email = factory.Sequence(lambda n: f"researcher{n}@example.org")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"주제{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    name = factory.Sequence(lambda n: f"정책브리프 {n}")
    name_en = factory.Sequence(lambda n: f"Policy Brief {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    publisher = "연구센터"


# the names the research tests have always called
person_create = PersonFactory
topic_create = TopicFactory
series_create = SeriesFactory


def index_create(*, parent, slug="research", title="연구 성과", locale=None):
    page = PublicationIndexPage(title=title, slug=slug)
    if locale is not None:
        page.locale = locale
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publication_create(
    *,
    index,
    authors=(),
    topics=(),
    publish=True,
    **fields,
) -> PublicationPage:
    n = next(_numbers)
    defaults = {
        "title": f"사회적경제 연구 {n}",
        "title_en": f"Social economy study {n}",
        "slug": f"publication-{n}",
        "abstract": f"사회적협동조합과 마을기업에 관한 연구 {n}",
        "abstract_en": f"A study of social cooperatives {n}",
        "date_published": dt.date(2024, 1, 1) + dt.timedelta(days=n),
        "publication_type": PublicationType.RESEARCH_REPORT,
        "keywords": "사회적경제, 협동조합",
    }
    page = PublicationPage(**{**defaults, **fields})
    page.authors = [
        PublicationPageAuthor(person=person, role=role, sort_order=i)
        for i, (person, role) in enumerate(
            (a if isinstance(a, tuple) else (a, AuthorRole.AUTHOR)) for a in authors
        )
    ]
    page.topics = list(topics)
    page.live = False
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page
