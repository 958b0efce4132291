"""Reading a bibliography file (BibTeX or CSV) into publications to import.

Nothing here writes: `bibliography_parse` turns an uploaded file into
`ImportRow`s, each either a `PublicationDraft` or the errors that stop it, in
the user's language. `research_portal.services.publications_import` writes
them, all or nothing.

CSV columns (UTF-8, a header row; `title`, `date_published` and `authors`
are required):

    type             research_report, policy_brief, issue_brief, working_paper,
                     journal_article, book, living_lab_report, dataset,
                     presentation (default research_report)
    title, title_en, subtitle, abstract, abstract_en
    date_published   YYYY-MM-DD, YYYY-MM or YYYY
    language         ko or en (default ko)
    authors          names separated by ";" (Korean, or "Family, Given")
    orcids           ORCID iDs in the order of `authors`, separated by ";"
    keywords, publisher, place, pages, isbn, issn, doi, volume, number,
    container_title, licence (e.g. cc-by-nc), funder, project

BibTeX entries map their usual fields (title, author, year, month, day or
date, abstract, keywords, publisher, address, pages, isbn, issn, doi, volume,
number, journal or booktitle, language), and read `title_en`, `abstract_en`,
`orcid` (as `orcids` above) and `type` (one of the types above) when given.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .identifiers import doi_normalize, isbn_normalize, issn_normalize, orcid_normalize
from .models import Licence, PublicationLanguage, PublicationType

MAX_BYTES = 1_000_000
MAX_ROWS = 500
EXTENSIONS = (".bib", ".csv")

TEXT_FIELDS = (
    "title",
    "title_en",
    "subtitle",
    "abstract",
    "abstract_en",
    "keywords",
    "publisher",
    "place",
    "pages",
    "volume",
    "number",
    "container_title",
    "funder",
    "project",
)
BIBTEX_TYPES = {
    "article": PublicationType.JOURNAL_ARTICLE,
    "book": PublicationType.BOOK,
    "inbook": PublicationType.BOOK,
    "incollection": PublicationType.BOOK,
    "techreport": PublicationType.RESEARCH_REPORT,
    "report": PublicationType.RESEARCH_REPORT,
    "dataset": PublicationType.DATASET,
    "unpublished": PublicationType.WORKING_PAPER,
}
BIBTEX_FIELDS = {
    "address": "place",
    "journal": "container_title",
    "booktitle": "container_title",
}
MONTHS = {
    name: i
    for i, names in enumerate(
        [("jan",), ("feb",), ("mar",), ("apr",), ("may",), ("jun",)]
        + [("jul",), ("aug",), ("sep",), ("oct",), ("nov",), ("dec",)],
        start=1,
    )
    for name in names
}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


class ImportStatus(models.TextChoices):
    CREATED = "created", gettext_lazy("Created")
    WOULD_CREATE = "would_create", gettext_lazy("Would be created")
    NOT_IMPORTED = (
        "not_imported",
        gettext_lazy("Not imported: another row has an error"),
    )
    ERROR = "error", gettext_lazy("Error")


class BibliographyError(Exception):
    """The file cannot be read at all; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class AuthorName:
    name: str  # as written
    name_en: str
    family_name_en: str
    orcid: str = ""


@dataclass
class PublicationDraft:
    """What one row says a publication is; identifiers already normalised."""

    fields: dict
    authors: list[AuthorName]


@dataclass
class ImportRow:
    """One row (CSV) or entry (BibTeX) of the file, and what became of it."""

    number: int
    title: str
    draft: PublicationDraft | None = None
    errors: list[str] = field(default_factory=list)
    status: str = ""  # an ImportStatus, set by the service
    page: object = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def status_label(self) -> str:
        return ImportStatus(self.status).label if self.status else ""


def bibliography_parse(*, name: str, content: bytes) -> list[ImportRow]:
    """The rows of an uploaded BibTeX or CSV file, each checked on its own."""
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise BibliographyError(_("Upload a .bib or .csv file."))
    if len(content) > MAX_BYTES:
        raise BibliographyError(
            _("The file is larger than %(size)d KB.") % {"size": MAX_BYTES // 1000}
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BibliographyError(
            _("The file is not UTF-8 text: save it as UTF-8 and upload it again.")
        ) from error
    records = _bibtex_records(text) if extension == ".bib" else _csv_records(text)
    if not records:
        raise BibliographyError(_("The file holds no publications."))
    if len(records) > MAX_ROWS:
        raise BibliographyError(
            _("The file holds more than %(rows)d publications: split it.")
            % {"rows": MAX_ROWS}
        )
    return [_row(number, record) for number, record in records]


def _csv_records(text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "title" not in [f.strip() for f in reader.fieldnames]:
        raise BibliographyError(
            _("The CSV file needs a header row with a title column.")
        )
    try:
        return [
            # row numbers as a spreadsheet shows them: the header is row 1
            (
                reader.line_num,
                {(k or "").strip(): (v or "").strip() for k, v in row.items()},
            )
            for row in reader
        ]
    except csv.Error as error:
        raise BibliographyError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error


def _bibtex_records(text: str) -> list[tuple[int, dict]]:
    import bibtexparser

    library = bibtexparser.parse_string(text)
    records = []
    for number, entry in enumerate(library.entries, start=1):
        # braces only protect case in BibTeX: they are not part of the text
        record = {
            key.lower(): re.sub(r"[{}]", "", str(item.value)).strip()
            for key, item in entry.fields_dict.items()
        }
        # BibTeX's own `type` is free text ("Policy brief"): ours, or the entry's
        if record.get("type") not in PublicationType.values:
            record["type"] = BIBTEX_TYPES.get(
                entry.entry_type.lower(), PublicationType.RESEARCH_REPORT
            )
        for source, target in BIBTEX_FIELDS.items():
            if record.get(source) and not record.get(target):
                record[target] = record[source]
        record["authors"] = ";".join(
            name.strip()
            for name in re.split(r"\s+and\s+", record.get("author", ""))
            if name.strip()
        )
        record["date_published"] = record.get("date") or _bibtex_date(record)
        records.append((number, record))
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise BibliographyError(
            _("The BibTeX file cannot be read near line %(line)d.")
            % {"line": (block.start_line or 0) + 1}
        )
    return records


def _bibtex_date(record: dict) -> str:
    year = record.get("year", "")
    month = record.get("month", "").lower()[:3]
    month = MONTHS.get(month, month)
    day = record.get("day", "")
    return "-".join(str(part).zfill(2) for part in (year, month, day) if part)


def _row(number: int, record: dict) -> ImportRow:
    title = record.get("title", "").strip("{} ")
    row = ImportRow(number=number, title=title)
    fields = {key: record.get(key, "").strip("{} ")[:500] for key in TEXT_FIELDS}
    if not title:
        row.errors.append(_("The title is missing."))
    kind = record.get("type") or PublicationType.RESEARCH_REPORT
    if kind not in PublicationType.values:
        row.errors.append(_("“%(value)s” is not a publication type.") % {"value": kind})
    fields["publication_type"] = kind
    language = record.get("language", "").lower()[:2] or PublicationLanguage.KOREAN
    if language not in PublicationLanguage.values:
        row.errors.append(_("The language must be ko or en."))
    fields["language"] = language
    licence = record.get("licence", "") or Licence.CC_BY_NC
    if licence not in Licence.values:
        row.errors.append(_("“%(value)s” is not a licence.") % {"value": licence})
    fields["licence"] = licence
    try:
        fields["date_published"] = _date(record.get("date_published", ""))
    except ValueError:
        row.errors.append(
            _("The date “%(value)s” is not YYYY-MM-DD, YYYY-MM or YYYY.")
            % {"value": record.get("date_published", "")}
        )
    for key, normalize in (
        ("isbn", isbn_normalize),
        ("issn", issn_normalize),
        ("doi", doi_normalize),
    ):
        try:
            fields[key] = normalize(record[key]) if record.get(key) else ""
        except ValidationError as error:
            row.errors.extend(error.messages)
    authors = _authors(record, row)
    if not authors:
        row.errors.append(_("Name at least one author."))
    if not row.errors:
        row.draft = PublicationDraft(fields=fields, authors=authors)
    return row


def _date(value: str) -> dt.date:
    parts = [int(part) for part in value.strip().split("-") if part] if value else []
    if not 1 <= len(parts) <= 3:
        raise ValueError(value)
    year, month, day = (*parts, 1, 1)[:3]
    return dt.date(year, month, day)


def _authors(record: dict, row: ImportRow) -> list[AuthorName]:
    names = [n.strip() for n in record.get("authors", "").split(";") if n.strip()]
    orcids = [
        o.strip() for o in record.get("orcids", record.get("orcid", "")).split(";")
    ]
    authors = []
    for i, written in enumerate(names):
        orcid = orcids[i] if i < len(orcids) else ""
        if orcid:
            try:
                orcid = orcid_normalize(orcid)
            except ValidationError as error:
                row.errors.extend(error.messages)
                orcid = ""
        written = written.strip("{} ")
        if "," in written:
            family, given = (part.strip() for part in written.split(",", 1))
            name_en, family_en = f"{given} {family}".strip(), family
            name = name_en
        elif HANGUL.search(written):
            name, name_en, family_en = written, written, ""
        else:
            name, name_en = written, written
            family_en = written.rsplit(" ", 1)[-1]
        authors.append(AuthorName(name[:100], name_en[:100], family_en[:60], orcid))
    return authors
