"""Builders of research-portal content for tests: published through Wagtail's
revisions, so that the signals (OAI records, aliases) run as in the admin."""

import datetime as dt
import itertools

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


def person_create(**fields) -> Person:
    n = next(_numbers)
    defaults = {
        "name": f"연구자{n}",
        "name_en": f"Researcher Kim{n}",
        "family_name_en": f"Kim{n}",
        "slug": f"researcher-{n}",
        "email": f"researcher{n}@example.org",
    }
    return Person.objects.create(**{**defaults, **fields})


def topic_create(**fields) -> Topic:
    n = next(_numbers)
    return Topic.objects.create(
        **{"name": f"주제{n}", "name_en": f"Topic {n}", "slug": f"topic-{n}", **fields}
    )


def series_create(**fields) -> Series:
    n = next(_numbers)
    return Series.objects.create(
        **{
            "name": f"정책브리프 {n}",
            "name_en": f"Policy Brief {n}",
            "slug": f"series-{n}",
            "publisher": "연구센터",
            **fields,
        }
    )


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
