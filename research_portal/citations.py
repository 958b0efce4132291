"""How a publication is cited and discovered: BibTeX, RIS, CSL-JSON, formatted
references (APA, Chicago), Highwire `citation_*` and Dublin Core meta tags,
schema.org JSON-LD and FAIR Signposting links.

Everything works from a `CitationData`, built once from the page with its
people and files, so that each format says the same thing.
"""

import json
import re
from dataclasses import dataclass, field

from .models import (
    CREATOR_ROLES,
    AuthorRole,
    PublicationPage,
    PublicationType,
)

# CSL types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types)
CSL_TYPES = {
    PublicationType.RESEARCH_REPORT: "report",
    PublicationType.POLICY_BRIEF: "report",
    PublicationType.ISSUE_BRIEF: "report",
    PublicationType.WORKING_PAPER: "report",
    PublicationType.JOURNAL_ARTICLE: "article-journal",
    PublicationType.BOOK: "book",
    PublicationType.LIVING_LAB_REPORT: "report",
    PublicationType.DATASET: "dataset",
    PublicationType.PRESENTATION: "speech",
}
BIBTEX_TYPES = {
    PublicationType.JOURNAL_ARTICLE: "article",
    PublicationType.BOOK: "book",
    PublicationType.DATASET: "misc",
    PublicationType.PRESENTATION: "misc",
}
RIS_TYPES = {
    PublicationType.JOURNAL_ARTICLE: "JOUR",
    PublicationType.BOOK: "BOOK",
    PublicationType.DATASET: "DATA",
    PublicationType.PRESENTATION: "SLIDE",
}
SCHEMA_TYPES = {
    PublicationType.JOURNAL_ARTICLE: "ScholarlyArticle",
    PublicationType.BOOK: "Book",
    PublicationType.DATASET: "Dataset",
    PublicationType.PRESENTATION: "PresentationDigitalDocument",
}
DCMI_TYPES = {
    PublicationType.DATASET: "Dataset",
    PublicationType.PRESENTATION: "Text",
}


@dataclass
class Creator:
    name: str  # as written (Korean)
    name_en: str
    family_en: str
    given_en: str
    orcid: str
    role: str


@dataclass
class CitationData:
    """The facts every citation format is built from."""

    page: PublicationPage
    url: str  # absolute landing page (the source page, in the default locale)
    creators: list[Creator] = field(default_factory=list)
    editors: list[Creator] = field(default_factory=list)
    pdf_url: str = ""
    publisher: str = ""
    series_name: str = ""
    series_issn: str = ""

    @property
    def year(self) -> int:
        return self.page.date_published.year

    @property
    def key(self) -> str:
        first = self.creators[0] if self.creators else None
        stem = (
            re.sub(r"[^A-Za-z]", "", first.family_en or first.name_en) if first else ""
        )
        return f"{(stem or 'campus').lower()}{self.year}p{self.page.pk}"


def citation_data(
    *, page: PublicationPage, credits, base_url: str, pdf_url: str = ""
) -> CitationData:
    people = []
    for credit in credits:
        person = credit.person
        family = person.family_name_en
        given = (
            person.name_en[: -len(family)].strip()
            if family and person.name_en.endswith(family)
            else ""
        )
        people.append(
            Creator(
                name=person.name,
                name_en=person.name_en,
                family_en=family,
                given_en=given,
                orcid=person.orcid,
                role=credit.role,
            )
        )
    series = page.series
    return CitationData(
        page=page,
        url=base_url.rstrip("/") + page.url,
        creators=[p for p in people if p.role in CREATOR_ROLES],
        editors=[p for p in people if p.role == AuthorRole.EDITOR],
        pdf_url=pdf_url,
        publisher=page.publisher or (series.publisher if series else ""),
        series_name=series.name if series else "",
        series_issn=series.issn if series else "",
    )


def _display(creator: Creator, *, english: bool) -> str:
    if english and creator.family_en:
        return f"{creator.family_en}, {creator.given_en}".rstrip(", ")
    return creator.name if not english else (creator.name_en or creator.name)


def _bibtex_escape(value: str) -> str:
    value = value.replace("\\", r"\textbackslash{}")
    for char in "&%$#_{}":
        value = value.replace(char, "\\" + char)
    return value.replace("~", r"\textasciitilde{}").replace("^", r"\^{}")


def bibtex(data: CitationData) -> str:
    page = data.page
    entry_type = BIBTEX_TYPES.get(page.publication_type, "techreport")
    fields = [
        ("title", page.title),
        ("author", " and ".join(_display(c, english=False) for c in data.creators)),
        ("editor", " and ".join(_display(c, english=False) for c in data.editors)),
        ("year", str(data.year)),
        ("month", str(page.date_published.month)),
        ("date", page.date_published.isoformat()),
        ("journal" if entry_type == "article" else "", page.container_title),
        (
            "institution" if entry_type == "techreport" else "publisher",
            data.publisher,
        ),
        ("address", page.place),
        ("series", data.series_name),
        ("volume", page.volume),
        ("number", page.number),
        ("pages", page.pages),
        ("isbn", page.isbn),
        ("issn", page.issn or data.series_issn),
        ("doi", page.doi),
        ("url", data.url),
        ("abstract", page.abstract),
        ("keywords", ", ".join(page.keyword_list)),
        ("language", "korean" if page.language == "ko" else "english"),
        ("note", page.title_en),
    ]
    body = ",\n".join(
        f"  {name} = {{{_bibtex_escape(value)}}}"
        for name, value in fields
        if name and value
    )
    return f"@{entry_type}{{{data.key},\n{body}\n}}\n"


def ris(data: CitationData) -> str:
    page = data.page
    lines = [("TY", RIS_TYPES.get(page.publication_type, "RPRT"))]
    lines += [("AU", _display(c, english=False)) for c in data.creators]
    lines += [("ED", _display(c, english=False)) for c in data.editors]
    lines += [
        ("TI", page.title),
        ("TT", page.title_en),
        ("PY", str(data.year)),
        ("DA", page.date_published.strftime("%Y/%m/%d")),
        ("T2", page.container_title or data.series_name),
        ("VL", page.volume),
        ("IS", page.number),
        ("PB", data.publisher),
        ("CY", page.place),
        ("SN", page.isbn or page.issn or data.series_issn),
        ("DO", page.doi),
        ("UR", data.url),
        ("L1", data.pdf_url),
        ("AB", page.abstract),
        ("LA", page.language),
    ]
    lines += [("KW", keyword) for keyword in page.keyword_list]
    lines.append(("ER", ""))
    return (
        "\r\n".join(f"{tag}  - {value}" for tag, value in lines if value or tag == "ER")
        + "\r\n"
    )


def _csl_name(creator: Creator) -> dict:
    if creator.family_en:
        return {"family": creator.family_en, "given": creator.given_en}
    return {"literal": creator.name_en or creator.name}


def csl_json(data: CitationData, *, english: bool = False) -> dict:
    """One CSL-JSON item (the citeproc-js/citeproc-py input)."""
    page = data.page
    item = {
        "id": data.key,
        "type": CSL_TYPES.get(page.publication_type, "report"),
        "title": page.title_en if english and page.title_en else page.title,
        "issued": {
            "date-parts": [
                [data.year, page.date_published.month, page.date_published.day]
            ]
        },
        "URL": data.url,
        "language": page.language,
    }
    if data.creators:
        item["author"] = (
            [_csl_name(c) for c in data.creators]
            if english
            else [{"literal": c.name} for c in data.creators]
        )
    if data.editors:
        item["editor"] = (
            [_csl_name(c) for c in data.editors]
            if english
            else [{"literal": c.name} for c in data.editors]
        )
    optional = {
        "abstract": page.abstract_en if english and page.abstract_en else page.abstract,
        "publisher": data.publisher,
        "publisher-place": page.place,
        "container-title": page.container_title,
        "collection-title": data.series_name,
        "volume": page.volume,
        "number": page.number,
        "issue": page.number
        if page.publication_type == PublicationType.JOURNAL_ARTICLE
        else "",
        "page": page.pages,
        "ISBN": page.isbn,
        "ISSN": page.issn or data.series_issn,
        "DOI": page.doi,
        "keyword": ", ".join(page.keyword_list),
    }
    item.update({k: v for k, v in optional.items() if v})
    return item


def _apa_name(creator: Creator, *, english: bool) -> str:
    if english and creator.family_en:
        initials = " ".join(
            f"{part[0]}." for part in creator.given_en.replace("-", " ").split()
        )
        return f"{creator.family_en}, {initials}".rstrip(", ")
    return creator.name_en if english and creator.name_en else creator.name


def _chicago_name(creator: Creator, *, english: bool, first: bool) -> str:
    if english and creator.family_en:
        if first:
            return f"{creator.family_en}, {creator.given_en}".rstrip(", ")
        return f"{creator.given_en} {creator.family_en}".strip()
    return creator.name_en if english and creator.name_en else creator.name


def _join(names: list[str], *, conjunction: str, serial: bool) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}{',' if serial else ''} {conjunction} {names[1]}"
    return ", ".join(names[:-1]) + f", {conjunction} {names[-1]}"


def _series_label(data: CitationData, *, english: bool) -> str:
    page = data.page
    if not data.series_name:
        return ""
    series = (
        page.series.name_en if english and page.series.name_en else data.series_name
    )
    parts = [series]
    if page.volume:
        parts.append(f"vol.{page.volume}")
    if page.number:
        parts.append(f"no.{page.number}")
    return " ".join(parts)


def formatted(data: CitationData, *, style: str, english: bool) -> str:
    """An APA (7th edition) or Chicago (author-date) reference as plain text.

    Korean publications are cited with their names and titles as written on
    the Korean site, and with the English forms on the English site.
    """
    page = data.page
    title = page.title_en if english and page.title_en else page.title
    link = f"https://doi.org/{page.doi}" if page.doi else data.url
    series = _series_label(data, english=english)
    publisher = data.publisher
    if (
        english
        and page.series
        and page.series.publisher_en
        and (not page.publisher or page.publisher == page.series.publisher)
    ):
        publisher = page.series.publisher_en
    if style == "apa":
        names = [_apa_name(c, english=english) for c in data.creators]
        authors = _join(names, conjunction="&", serial=True) if names else publisher
        date = page.date_published
        when = (
            f"{date.year}, {date.strftime('%B')} {date.day}"
            if english
            else (f"{date.year}. {date.month}. {date.day}.")
        )
        if page.publication_type == PublicationType.JOURNAL_ARTICLE:
            container = page.container_title
            volume = f", {page.volume}" if page.volume else ""
            issue = f"({page.number})" if page.number else ""
            pages = f", {page.pages}" if page.pages else ""
            where = f"{container}{volume}{issue}{pages}"
            return f"{authors} ({date.year}). {title}. {where}. {link}"
        detail = f" ({series})" if series else ""
        tail = f" {publisher}." if publisher and publisher != authors else ""
        return f"{authors} ({when}). {title}{detail}.{tail} {link}"
    if style == "chicago":
        names = [
            _chicago_name(c, english=english, first=i == 0)
            for i, c in enumerate(data.creators)
        ]
        authors = _join(names, conjunction="and", serial=True) if names else publisher
        parts = [f"{authors}. {page.date_published.year}. {title}."]
        if (
            page.publication_type == PublicationType.JOURNAL_ARTICLE
            and page.container_title
        ):
            volume = f" {page.volume}" if page.volume else ""
            issue = f" ({page.number})" if page.number else ""
            pages = f": {page.pages}" if page.pages else ""
            parts.append(f"{page.container_title}{volume}{issue}{pages}.")
        elif series:
            parts.append(f"{series}.")
        if publisher:
            parts.append(
                f"{page.place}: {publisher}." if page.place else f"{publisher}."
            )
        parts.append(f"{link}.")
        return " ".join(parts)
    raise ValueError(f"unknown citation style {style!r}")


def highwire_meta(data: CitationData) -> list[tuple[str, str]]:
    page = data.page
    tags = [("citation_title", page.title)]
    if page.title_en:
        tags.append(("citation_title", page.title_en))
    tags += [("citation_author", _display(c, english=False)) for c in data.creators]
    tags += [
        ("citation_publication_date", page.date_published.strftime("%Y/%m/%d")),
        ("citation_language", page.language),
    ]
    optional = [
        ("citation_publisher", data.publisher),
        (
            "citation_technical_report_institution",
            data.publisher if page.publication_type in _REPORTS else "",
        ),
        ("citation_journal_title", page.container_title),
        ("citation_series_title", data.series_name),
        ("citation_volume", page.volume),
        ("citation_issue", page.number),
        ("citation_isbn", page.isbn),
        ("citation_issn", page.issn or data.series_issn),
        ("citation_doi", page.doi),
        ("citation_abstract_html_url", data.url),
        ("citation_pdf_url", data.pdf_url),
    ]
    tags += [(name, value) for name, value in optional if value]
    tags += [("citation_keywords", keyword) for keyword in page.keyword_list]
    return tags


_REPORTS = {
    PublicationType.RESEARCH_REPORT,
    PublicationType.POLICY_BRIEF,
    PublicationType.ISSUE_BRIEF,
    PublicationType.WORKING_PAPER,
    PublicationType.LIVING_LAB_REPORT,
}


def dublin_core_meta(data: CitationData) -> list[tuple[str, str]]:
    page = data.page
    tags = [("DC.title", page.title)]
    tags += [("DC.creator", _display(c, english=False)) for c in data.creators]
    tags += [("DC.contributor", _display(c, english=False)) for c in data.editors]
    tags += [
        ("DC.date", page.date_published.isoformat()),
        ("DC.type", DCMI_TYPES.get(page.publication_type, "Text")),
        ("DC.language", page.language),
        ("DC.identifier", data.url),
    ]
    optional = [
        ("DC.description", page.abstract),
        ("DC.publisher", data.publisher),
        ("DC.rights", page.licence_url or page.get_licence_display()),
        ("DC.identifier", f"https://doi.org/{page.doi}" if page.doi else ""),
        ("DC.identifier", f"urn:isbn:{page.isbn}" if page.isbn else ""),
    ]
    tags += [(name, str(value)) for name, value in optional if value]
    tags += [("DC.subject", keyword) for keyword in page.keyword_list]
    return tags


def json_ld(data: CitationData) -> str:
    page = data.page
    kind = SCHEMA_TYPES.get(page.publication_type, "Report")
    document = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": data.url,
        "url": data.url,
        "name": page.title,
        "headline": page.title[:110],
        "alternateName": page.title_en or None,
        "description": page.abstract or None,
        "datePublished": page.date_published.isoformat(),
        "inLanguage": page.language,
        "keywords": page.keyword_list or None,
        "license": page.licence_url or None,
        "author": [_schema_person(c) for c in data.creators] or None,
        "editor": [_schema_person(c) for c in data.editors] or None,
        "publisher": {"@type": "Organization", "name": data.publisher}
        if data.publisher
        else None,
        "isbn": page.isbn or None,
        "identifier": f"https://doi.org/{page.doi}" if page.doi else None,
        "encoding": {
            "@type": "MediaObject",
            "contentUrl": data.pdf_url,
            "encodingFormat": "application/pdf",
        }
        if data.pdf_url
        else None,
    }
    if kind == "Dataset" and data.pdf_url:
        document["distribution"] = {
            "@type": "DataDownload",
            "contentUrl": data.pdf_url,
        }
    if data.series_name:
        document["isPartOf"] = {
            "@type": "CreativeWorkSeries"
            if kind != "ScholarlyArticle"
            else "Periodical",
            "name": data.series_name,
            "issn": data.series_issn or None,
        }
    cleaned = {k: v for k, v in document.items() if v is not None}
    if "isPartOf" in cleaned:
        cleaned["isPartOf"] = {k: v for k, v in cleaned["isPartOf"].items() if v}
    # nothing in the text can end or confuse the script element this goes into
    text = json.dumps(cleaned, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _schema_person(creator: Creator) -> dict:
    person = {"@type": "Person", "name": creator.name}
    if creator.name_en:
        person["alternateName"] = creator.name_en
    if creator.orcid:
        person["@id"] = f"https://orcid.org/{creator.orcid}"
    return person


def signposting_links(data: CitationData, *, describedby: list[tuple[str, str]]) -> str:
    """The FAIR Signposting `Link` header of a landing page (signposting.org)."""
    page = data.page
    links = [
        f'<{data.url}>; rel="cite-as"'
        if not page.doi
        else f'<https://doi.org/{page.doi}>; rel="cite-as"'
    ]
    links += [f'<{url}>; rel="describedby"; type="{mime}"' for url, mime in describedby]
    if data.pdf_url:
        links.append(f'<{data.pdf_url}>; rel="item"; type="application/pdf"')
    links += [
        f'<https://orcid.org/{c.orcid}>; rel="author"' for c in data.creators if c.orcid
    ]
    if page.licence_url:
        links.append(f'<{page.licence_url}>; rel="license"')
    schema_type = SCHEMA_TYPES.get(page.publication_type, "Report")
    links.append(f'<https://schema.org/{schema_type}>; rel="type"')
    links.append('<https://schema.org/AboutPage>; rel="type"')
    return ", ".join(links)
