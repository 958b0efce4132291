"""The research center's demo content: topics, two series, people, sixteen
publications of every type with Korean PDFs, and a living-lab project.

The first publication is the center's founding document, 전북연구원 정책브리프
vol.24 (2017-12-20). The content is data: `demo/research/research.yaml` and
`publications.yaml`, Korean and English side by side. Idempotent: everything
is found by slug and updated.
"""

from django.core.files.base import ContentFile
from wagtail.models import Locale

from lms.accounts.models import Organization
from lms.core.demo_data import Node, demo_load, markdown_html, page_upsert

from .models import (
    AuthorRole,
    FileAccess,
    Licence,
    LivingLabIndexPage,
    LivingLabPage,
    LivingLabPhase,
    LivingLabStatus,
    Person,
    PublicationIndexPage,
    PublicationPage,
    PublicationPageAuthor,
    PublicationPageFile,
    PublicationType,
    Series,
    Topic,
)
from .pdf import pdf_with_text
from .services import publication_full_text_extract, research_roles_grant

# text fields a publication may leave out
OPTIONAL_FIELDS = (
    "publisher",
    "place",
    "pages",
    "isbn",
    "issn",
    "doi",
    "container_title",
    "funder",
    "project",
)


def _upsert_index(parent, model, index: Node, code: str, source):
    title, intro = index.bilingual_text("title"), index.bilingual_text("intro")
    return page_upsert(
        parent,
        model,
        index.text("slug"),
        Locale.objects.get(language_code=code),
        source,
        title=title[code],
        intro=markdown_html(intro[code]),
        show_in_menus=True,
    )


def _file(folder, filename, title, render):
    from filer.models import File

    file = File.objects.filter(folder=folder, original_filename=filename).first()
    if file is None:
        file = File.objects.create(
            folder=folder,
            original_filename=filename,
            name=title,
            is_public=True,
            file=ContentFile(render(), name=filename),
        )
    return file


def _folder(name: str):
    """The research center's folder in the file library; its files are public
    (`is_public`), so it needs no folder permission of its own."""
    from filer.models import Folder

    folder = Folder.objects.filter(name=name, parent=None).first()
    if folder is None:
        folder = Folder.objects.create(name=name, parent=None)
    return folder


def _body(publication: Node, table: Node, code: str) -> list:
    """The table of the town's six components, in the publications that show it."""
    if not publication.has("table"):
        return []
    return [
        (
            "table",
            {
                "caption": table.bilingual_text("caption")[code],
                "label_heading": table.bilingual_text("label_heading")[code],
                "text_heading": table.bilingual_text("text_heading")[code],
                "rows": [
                    {
                        "label": row.bilingual_text("label")[code],
                        "text": row.bilingual_text("text")[code],
                    }
                    for row in table.nodes("rows")
                ],
            },
        )
    ]


def _topics_series_people(research: Node, people) -> tuple[dict, dict, dict]:
    topics = {}
    for topic in research.nodes("topics"):
        name = topic.bilingual_text("name")
        topics[topic.text("slug")], _ = Topic.objects.update_or_create(
            slug=topic.text("slug"),
            defaults={"name": name["ko"], "name_en": name["en"]},
        )
    series = {}
    for spec in research.nodes("series"):
        name, publisher = spec.bilingual_text("name"), spec.bilingual_text("publisher")
        series[spec.text("slug")], _ = Series.objects.update_or_create(
            slug=spec.text("slug"),
            defaults={
                "name": name["ko"],
                "name_en": name["en"],
                "issn": spec.text("issn"),
                "publisher": publisher["ko"],
                "publisher_en": publisher["en"],
            },
        )
    persons = {}
    for spec in research.nodes("people"):
        name, affiliation = (
            spec.bilingual_text("name"),
            spec.bilingual_text("affiliation"),
        )
        user = spec.optional_text("user")
        persons[spec.text("slug")], _ = Person.objects.update_or_create(
            slug=spec.text("slug"),
            defaults={
                "name": name["ko"],
                "name_en": name["en"],
                "family_name_en": spec.text("family_name_en"),
                "affiliation": affiliation["ko"],
                "affiliation_en": affiliation["en"],
                "email": spec.text("email"),
                "orcid": spec.text("orcid"),
                "user": people.get(user) if user else None,
            },
        )
    return topics, series, persons


def seed_research(*, home_ko, home_en, people) -> dict:
    """The research center's demo content (`demo/research/`); returns its
    index pages."""
    research = demo_load("research/research.yaml")
    topics, series, persons = _topics_series_people(research, people)
    table = research.node("town_components")
    index = research.node("index")
    index_ko = _upsert_index(home_ko, PublicationIndexPage, index, "ko", None)
    index_en = _upsert_index(home_en, PublicationIndexPage, index, "en", index_ko)
    folder = _folder(research.text("folder"))
    publications = {}
    for spec in demo_load("research/publications.yaml").nodes("publications"):
        page = _publication(
            spec, index_ko, table=table, folder=folder, topics=topics, persons=persons
        )
        in_series = spec.node("series") if spec.has("series") else None
        page.series = in_series and series[in_series.text("slug")]
        page.volume = in_series.text("volume") if in_series else ""
        page.number = in_series.text("number") if in_series else ""
        page.save_revision().publish()
        publication_full_text_extract(page_id=page.pk)
        publications[spec.text("slug")] = page
    labs = research.node("lab_index")
    labs_ko = _upsert_index(home_ko, LivingLabIndexPage, labs, "ko", None)
    labs_en = _upsert_index(home_en, LivingLabIndexPage, labs, "en", labs_ko)
    lab = _living_lab(research.node("lab"), labs_ko, publications)
    research_roles_grant()
    return {
        "index_ko": index_ko,
        "index_en": index_en,
        "labs_ko": labs_ko,
        "labs_en": labs_en,
        "publications": publications,
        "lab": lab,
    }


def _publication(spec: Node, index, *, table, folder, topics, persons):
    """A publication page with its authors, topics and PDF; not yet published."""
    ko = Locale.objects.get(language_code="ko")
    slug, title = spec.text("slug"), spec.bilingual_text("title")
    abstract = spec.bilingual_text("abstract")
    page = PublicationPage.objects.filter(locale=ko, slug=slug).child_of(index).first()
    if page is None:
        page = PublicationPage(
            slug=slug, locale=ko, title=title["ko"], date_published=spec.date("date")
        )
        index.add_child(instance=page)
    page.title, page.title_en = title["ko"], title["en"]
    page.publication_type = spec.choice("type", PublicationType)
    page.date_published = spec.date("date")
    page.language = spec.optional_text("language", "ko")
    page.abstract, page.abstract_en = abstract["ko"], abstract["en"]
    page.body = _body(spec, table, "ko")
    page.body_en = _body(spec, table, "en")
    page.keywords = spec.text("keywords")
    for name in OPTIONAL_FIELDS:
        setattr(page, name, spec.optional_text(name))
    page.licence = spec.choice("licence", Licence)
    page.topics = [topics[topic] for topic in spec.texts("topics")]
    page.authors = [
        PublicationPageAuthor(
            person=persons[author.text("person")],
            role=author.choice("role", AuthorRole),
            sort_order=order,
        )
        for order, author in enumerate(spec.nodes("authors"))
    ]
    paragraphs = [abstract["ko"], *spec.texts("text")]
    pdf = _file(
        folder,
        f"{slug}.pdf",
        title["ko"],
        lambda: pdf_with_text(title=title["ko"], paragraphs=paragraphs),
    )
    page.files = [
        PublicationPageFile(
            file=pdf,
            label="본문 PDF",
            is_main=True,
            version="1.0",
            access=FileAccess.OPEN,
            embargo_until=spec.optional_date("embargo_until"),
            sort_order=0,
        )
    ]
    return page


def _living_lab(spec: Node, index, publications) -> LivingLabPage:
    ko = Locale.objects.get(language_code="ko")
    slug = spec.text("slug")
    lab = LivingLabPage.objects.filter(locale=ko, slug=slug).child_of(index).first()
    if lab is None:
        lab = LivingLabPage(slug=slug, locale=ko, title=spec.text("title"), problem="-")
        index.add_child(instance=lab)
    lab.title = spec.text("title")
    for name in ("problem", "participants", "outcomes"):
        text = spec.bilingual_text(name)
        setattr(lab, name, text["ko"])
        setattr(lab, f"{name}_en", text["en"])
    lab.related_links = spec.text("related_links")
    lab.status = LivingLabStatus.ACTIVE
    lab.partners = list(Organization.objects.order_by("pk")[:2])
    lab.publications = [publications[slug] for slug in spec.texts("publications")]
    lab.phases = [
        LivingLabPhase(
            title=phase.bilingual_text("title")["ko"],
            title_en=phase.bilingual_text("title")["en"],
            starts_on=phase.date("starts_on"),
            ends_on=phase.optional_date("ends_on"),
            sort_order=order,
        )
        for order, phase in enumerate(spec.nodes("phases"))
    ]
    lab.save_revision().publish()
    return lab
