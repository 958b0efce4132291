"""oai_datacite: the DataCite Metadata Schema 4.7 (kernel-4) inside DataCite's
OAI wrapper (oai-1.1: datacentreSymbol, schemaVersion, payload).

The choice about identifiers: DataCite's mandatory `<identifier>` is the DOI of
the resource ("Allowed value: DOI"); the XSD does not restrict
`identifierType`, but a landing URL there would be a record DataCite itself
would refuse. Campus never mints DOIs, so a publication is offered in
oai_datacite only when it has one (stored DOI, never invented): the record's
formats say so (`OaiRecord.formats`), ListMetadataFormats for an identifier
lists oai_datacite only then, GetRecord without a DOI is a
cannotDisseminateFormat, and the lists in oai_datacite hold only such records.
Every record still has oai_dc. The landing page is given as an
`alternateIdentifier` of type URL.

The mapping: creators (authors, research leads and fellows, in order, with their
ORCID iD and affiliation), titles in Korean and English (`xml:lang`; the one not
in the publication's language is a TranslatedTitle), publisher, publicationYear,
resourceType by publication type, subjects (keywords and topics), contributors
(editors; other contributors as Other), dates (Issued; Available when a file is
or was embargoed), language, alternateIdentifiers (landing URL; ISBN of a whole
book), relatedIdentifiers (the series' and the journal's ISSN, a chapter's book
ISBN, the files' other versions), relatedItems (the series with volume and
number), formats, version, rightsList (licence URI with its SPDX id),
descriptions (abstracts) and fundingReferences.
"""

from django.conf import settings
from django.utils import translation
from lxml import etree

from ..models import (
    CREATOR_ROLES,
    AuthorRole,
    Licence,
    PublicationPage,
    PublicationType,
)
from .oai_dc import landing_url
from .protocol import XML_LANG, XSI_NS, clean_text

OAI_DATACITE_NS = "http://schema.datacite.org/oai/oai-1.1/"
OAI_DATACITE_SCHEMA = "http://schema.datacite.org/oai/oai-1.1/oai.xsd"
DATACITE_NS = "http://datacite.org/schema/kernel-4"
DATACITE_SCHEMA = "http://schema.datacite.org/meta/kernel-4/metadata.xsd"
SCHEMA_VERSION = "4.7"

RESOURCE_TYPES = {
    PublicationType.RESEARCH_REPORT: "Report",
    PublicationType.POLICY_BRIEF: "Report",
    PublicationType.ISSUE_BRIEF: "Report",
    PublicationType.WORKING_PAPER: "Preprint",
    PublicationType.JOURNAL_ARTICLE: "JournalArticle",
    PublicationType.BOOK: "Book",
    PublicationType.LIVING_LAB_REPORT: "Report",
    PublicationType.DATASET: "Dataset",
    PublicationType.PRESENTATION: "Presentation",
}
SPDX = {
    Licence.CC_BY: "CC-BY-4.0",
    Licence.CC_BY_SA: "CC-BY-SA-4.0",
    Licence.CC_BY_ND: "CC-BY-ND-4.0",
    Licence.CC_BY_NC: "CC-BY-NC-4.0",
    Licence.CC_BY_NC_SA: "CC-BY-NC-SA-4.0",
    Licence.CC_BY_NC_ND: "CC-BY-NC-ND-4.0",
    Licence.CC0: "CC0-1.0",
}
CONTRIBUTOR_TYPES = {AuthorRole.EDITOR: "Editor", AuthorRole.CONTRIBUTOR: "Other"}


def datacentre_symbol() -> str:
    return getattr(settings, "OAI_DATACITE_SYMBOL", "CAMPUS.RESEARCH")


def resource_type_general(page: PublicationPage) -> str:
    if page.publication_type == PublicationType.BOOK and page.container_title:
        return "BookChapter"
    return RESOURCE_TYPES.get(page.publication_type, "Text")


class _Writer:
    def __init__(self, parent):
        self.parent = parent

    def el(self, parent, name, value=None, lang=None, **attrs):
        element = etree.SubElement(parent, f"{{{DATACITE_NS}}}{name}")
        if value is not None:
            element.text = clean_text(value)
        if lang:
            element.set(XML_LANG, lang)
        for key, attr in attrs.items():
            if attr:
                element.set(key, str(attr))
        return element

    def group(self, name, items):
        """A wrapper element (creators, subjects…) only when it has items."""
        if items:
            wrapper = self.el(self.parent, name)
            for child_name, value, lang, attrs in items:
                self.el(wrapper, child_name, value, lang, **attrs)


def write_oai_datacite(request, parent, page: PublicationPage) -> None:
    """The publication as `oai_datacite` under `parent`; it must have a DOI."""
    wrapper = etree.SubElement(
        parent, f"{{{OAI_DATACITE_NS}}}oai_datacite", nsmap={None: OAI_DATACITE_NS}
    )
    wrapper.set(
        f"{{{XSI_NS}}}schemaLocation", f"{OAI_DATACITE_NS} {OAI_DATACITE_SCHEMA}"
    )
    etree.SubElement(
        wrapper, f"{{{OAI_DATACITE_NS}}}schemaVersion"
    ).text = SCHEMA_VERSION
    etree.SubElement(
        wrapper, f"{{{OAI_DATACITE_NS}}}datacentreSymbol"
    ).text = datacentre_symbol()
    payload = etree.SubElement(wrapper, f"{{{OAI_DATACITE_NS}}}payload")
    resource = etree.SubElement(
        payload, f"{{{DATACITE_NS}}}resource", nsmap={None: DATACITE_NS, "xsi": XSI_NS}
    )
    resource.set(f"{{{XSI_NS}}}schemaLocation", f"{DATACITE_NS} {DATACITE_SCHEMA}")
    with translation.override("en"):
        _write_resource(request, _Writer(resource), page)


def _write_resource(request, out: _Writer, page: PublicationPage) -> None:
    root = out.parent
    out.el(root, "identifier", page.doi, identifierType="DOI")
    credits = list(page.authors.all())
    # DataCite needs a creator: an edited work without authors has its editor
    creators = [c for c in credits if c.role in CREATOR_ROLES] or credits[:1]
    wrapper = out.el(root, "creators")
    for credit in creators:
        _person(out, wrapper, "creator", credit.person)
    contributors = out.el(root, "contributors")
    for credit in credits:
        if credit.role in CONTRIBUTOR_TYPES and credit not in creators:
            _person(
                out,
                contributors,
                "contributor",
                credit.person,
                contributorType=CONTRIBUTOR_TYPES[credit.role],
            )
    if not len(contributors):
        root.remove(contributors)

    original = page.language
    translated = {"titleType": "TranslatedTitle"}
    titles = [
        ("title", value, lang, translated if lang != original else {})
        for value, lang in ((page.title, "ko"), (page.title_en, "en"))
        if value
    ]
    if page.subtitle:
        titles.append(("title", page.subtitle, original, {"titleType": "Subtitle"}))
    out.group("titles", titles)

    publisher = page.publisher or (page.series.publisher if page.series else "")
    out.el(
        root,
        "publisher",
        publisher or getattr(settings, "OAI_REPOSITORY_NAME", "Campus research center"),
    )
    out.el(root, "publicationYear", f"{page.year:04d}")
    out.el(
        root,
        "resourceType",
        page.get_publication_type_display(),
        resourceTypeGeneral=resource_type_general(page),
    )

    subjects = [("subject", k, original, {}) for k in page.keyword_list]
    for topic in page.topics.all():
        subjects.append(("subject", topic.name, "ko", {}))
        if topic.name_en:
            subjects.append(("subject", topic.name_en, "en", {}))
    out.group("subjects", subjects)

    files = list(page.files.all())
    dates = [("date", page.date_published.isoformat(), None, {"dateType": "Issued"})]
    embargoes = sorted({f.embargo_until for f in files if f.embargo_until})
    dates += [
        ("date", day.isoformat(), None, {"dateType": "Available"})
        for day in embargoes[-1:]
    ]
    out.group("dates", dates)
    out.el(root, "language", original)

    url = landing_url(request, page)
    alternates = [(url, "URL")]
    chapter = resource_type_general(page) == "BookChapter"
    if page.isbn and not chapter:
        alternates.append((page.isbn, "ISBN"))
    alternates = [
        ("alternateIdentifier", value, None, {"alternateIdentifierType": kind})
        for value, kind in alternates
    ]
    out.group("alternateIdentifiers", alternates)
    out.group("relatedIdentifiers", _related_identifiers(request, page, files, chapter))
    _related_items(out, page)

    main = next((f for f in files if f.is_main), None)
    if main is not None and main.is_open:
        out.group("formats", [("format", "application/pdf", None, {})])
    if main is not None and main.version:
        out.el(root, "version", main.version)

    rights = {"rightsURI": page.licence_url}
    if page.licence in SPDX:
        rights |= {
            "rightsIdentifier": SPDX[page.licence],
            "rightsIdentifierScheme": "SPDX",
            "schemeURI": "https://spdx.org/licenses/",
        }
    out.group("rightsList", [("rights", page.get_licence_display(), "en", rights)])

    descriptions = [
        ("description", text, lang, {"descriptionType": "Abstract"})
        for text, lang in ((page.abstract, "ko"), (page.abstract_en, "en"))
        if text
    ]
    out.group("descriptions", descriptions)
    if page.funder:
        funding = out.el(out.el(root, "fundingReferences"), "fundingReference")
        out.el(funding, "funderName", page.funder)
        if page.project:
            out.el(funding, "awardTitle", page.project)


def _person(out: _Writer, parent, name: str, person, **attrs) -> None:
    node = out.el(parent, name, **attrs)
    personal = bool(person.family_name_en)
    out.el(
        node,
        f"{name}Name",
        person.citation_name,
        nameType="Personal" if personal else None,
    )
    if personal:
        given = person.name_en[: -len(person.family_name_en)].strip()
        if given and person.name_en.endswith(person.family_name_en):
            out.el(node, "givenName", given)
        out.el(node, "familyName", person.family_name_en)
    if person.orcid:
        out.el(
            node,
            "nameIdentifier",
            person.orcid_url,
            nameIdentifierScheme="ORCID",
            schemeURI="https://orcid.org/",
        )
    affiliation = person.affiliation_en or person.affiliation
    if affiliation:
        out.el(node, "affiliation", affiliation)


def _related_identifiers(request, page, files, chapter: bool) -> list:
    related = []

    def add(value, kind, relation, **attrs):
        attrs = {"relatedIdentifierType": kind, "relationType": relation, **attrs}
        related.append(("relatedIdentifier", value, None, attrs))

    if page.series and page.series.issn:
        add(page.series.issn, "ISSN", "IsPartOf", resourceTypeGeneral="Collection")
    if page.issn:
        add(page.issn, "ISSN", "IsPublishedIn", resourceTypeGeneral="Journal")
    if page.isbn and chapter:
        add(page.isbn, "ISBN", "IsPartOf", resourceTypeGeneral="Book")
    for item in files:
        if item.version and not item.is_main and not item.is_embargoed:
            url = request.build_absolute_uri(
                page.get_url(request=request) + f"files/{item.pk}/"
            )
            add(url, "URL", "HasVersion")
    return related


def _related_items(out: _Writer, page) -> None:
    """The series (with volume and number) or the journal/book it appears in."""
    if page.series:
        kind, title = "Collection", page.series.name_en or page.series.name
        identifier, scheme = page.series.issn, "ISSN"
    elif page.container_title and resource_type_general(page) == "BookChapter":
        kind, title = "Book", page.container_title
        identifier, scheme = page.isbn, "ISBN"
    elif page.container_title:
        kind, title = "Journal", page.container_title
        identifier, scheme = page.issn, "ISSN"
    else:
        return
    item = out.el(
        out.el(out.parent, "relatedItems"),
        "relatedItem",
        relatedItemType=kind,
        relationType="IsPublishedIn",
    )
    if identifier:
        out.el(
            item,
            "relatedItemIdentifier",
            identifier,
            relatedItemIdentifierType=scheme,
        )
    out.el(out.el(item, "titles"), "title", title)
    if page.volume:
        out.el(item, "volume", page.volume)
    if page.number:
        general = resource_type_general(page)
        out.el(
            item,
            "number",
            page.number,
            numberType="Report" if general == "Report" else "Other",
        )
