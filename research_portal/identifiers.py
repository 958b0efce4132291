"""Checks for the identifiers a publication carries: ISBN, ISSN, DOI and ORCID iD.

Each `*_normalize` returns the canonical form or raises `ValidationError` with a
message in the user's language; the model validators wrap them.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Crossref's advice for the DOIs in use: "10." + registrant code + "/" + suffix
DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s]+$")
ORCID_RE = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")


def _compact(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper()


def isbn_normalize(value: str) -> str:
    """An ISBN-10 or ISBN-13 without hyphens, its check digit verified."""
    digits = _compact(value)
    if digits.startswith("ISBN"):
        digits = digits[4:].lstrip(":")
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum(
            (10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits)
        )
        if total % 11 == 0:
            return digits
    elif re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits))
        if total % 10 == 0:
            return digits
    raise ValidationError(
        _("“%(value)s” is not a valid ISBN: check the digits."),
        code="invalid_isbn",
        params={"value": value},
    )


def issn_normalize(value: str) -> str:
    """An ISSN as NNNN-NNNC, its check digit verified (ISO 3297)."""
    digits = _compact(value)
    if digits.startswith("ISSN"):
        digits = digits[4:].lstrip(":")
    if re.fullmatch(r"\d{7}[\dX]", digits):
        total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
        check = (11 - total % 11) % 11
        if ("X" if check == 10 else str(check)) == digits[7]:
            return f"{digits[:4]}-{digits[4:]}"
    raise ValidationError(
        _("“%(value)s” is not a valid ISSN: check the digits."),
        code="invalid_issn",
        params={"value": value},
    )


def doi_normalize(value: str) -> str:
    """A DOI as 10.prefix/suffix (a doi.org URL or "doi:" prefix is taken off)."""
    doi = (value or "").strip()
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi, flags=re.IGNORECASE)
    if DOI_RE.fullmatch(doi):
        return doi
    raise ValidationError(
        _("“%(value)s” is not a DOI: a DOI looks like 10.1234/abc-56."),
        code="invalid_doi",
        params={"value": value},
    )


def orcid_normalize(value: str) -> str:
    """An ORCID iD as 0000-0000-0000-000X, its ISO 7064 11,2 check digit verified."""
    orcid = (value or "").strip()
    orcid = re.sub(r"^https?://orcid\.org/", "", orcid, flags=re.IGNORECASE)
    match = ORCID_RE.fullmatch(orcid.upper())
    if match:
        digits = "".join(match.groups())
        total = 0
        for c in digits[:-1]:
            total = (total + int(c)) * 2
        check = (12 - total % 11) % 11
        if ("X" if check == 10 else str(check)) == digits[-1]:
            return "-".join(match.groups())
    raise ValidationError(
        _("“%(value)s” is not a valid ORCID iD: check the digits."),
        code="invalid_orcid",
        params={"value": value},
    )


def validate_isbn(value: str) -> None:
    isbn_normalize(value)


def validate_issn(value: str) -> None:
    issn_normalize(value)


def validate_doi(value: str) -> None:
    doi_normalize(value)


def validate_orcid(value: str) -> None:
    orcid_normalize(value)
