"""oai_dc: simple Dublin Core, the format every OAI-PMH repository must offer."""

from lxml import etree

from ..models import CREATOR_ROLES, AuthorRole, PublicationPage, PublicationType
from .protocol import XML_LANG, XSI_NS, clean_text

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"


def landing_url(request, page) -> str:
    return request.build_absolute_uri(page.get_url(request=request))


def write_oai_dc(request, parent, page: PublicationPage) -> None:
    """The publication as an `oai_dc:dc` element under `parent`."""
    dc = etree.SubElement(
        parent,
        f"{{{OAI_DC_NS}}}dc",
        nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS},
    )
    dc.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")

    def add(name, value, lang=None):
        if value:
            element = etree.SubElement(dc, f"{{{DC_NS}}}{name}")
            element.text = clean_text(value)
            if lang:
                element.set(XML_LANG, lang)

    add("title", page.title, "ko")
    add("title", page.title_en, "en")
    credits = list(page.authors.all())
    for credit in credits:
        name = credit.person.name
        if credit.role in CREATOR_ROLES:
            add("creator", name)
        elif credit.role in (AuthorRole.EDITOR, AuthorRole.CONTRIBUTOR):
            add("contributor", name)
    for keyword in page.keyword_list:
        add("subject", keyword)
    for topic in page.topics.all():
        add("subject", topic.name, "ko")
        add("subject", topic.name_en, "en")
    add("description", page.abstract, "ko")
    add("description", page.abstract_en, "en")
    add("publisher", page.publisher or (page.series.publisher if page.series else ""))
    add("date", page.date_published.isoformat())
    add(
        "type",
        "Dataset" if page.publication_type == PublicationType.DATASET else "Text",
    )
    add("type", page.publication_type)
    if any(item.is_open and item.is_main for item in page.files.all()):
        add("format", "application/pdf")
    add("identifier", landing_url(request, page))
    if page.doi:
        add("identifier", f"https://doi.org/{page.doi}")
    if page.isbn:
        add("identifier", f"urn:isbn:{page.isbn}")
    add("language", page.language)
    if page.series:
        label = page.series.name
        if page.volume:
            label += f" vol.{page.volume}"
        if page.number:
            label += f" no.{page.number}"
        add("relation", label)
        if page.series.issn:
            add("relation", f"urn:issn:{page.series.issn}")
    add("rights", page.licence_url or page.get_licence_display())
