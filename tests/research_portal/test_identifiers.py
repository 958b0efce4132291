"""ISBN, ISSN, DOI and ORCID iD: check digits and syntax, canonical forms, and a
clear message in the user's language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from research_portal.identifiers import (
    doi_normalize,
    isbn_normalize,
    issn_normalize,
    orcid_normalize,
)

from ..factories.research import person_create, publication_create


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("979-11-961230-0-0", "9791196123000"),
        ("ISBN 978-0-306-40615-7", "9780306406157"),
        ("0-306-40615-2", "0306406152"),
        ("0-8044-2957-X", "080442957X"),
    ],
)
def test_valid_isbns_are_normalised(value, expected):
    assert isbn_normalize(value) == expected


@pytest.mark.parametrize(
    "value", ["978-0-306-40615-8", "0-306-40615-3", "12345", "979-11-961230-0-X"]
)
def test_an_isbn_with_a_wrong_check_digit_is_refused(value):
    with pytest.raises(ValidationError):
        isbn_normalize(value)


def test_issn_check_digit():
    assert issn_normalize("2508 0008") == "2508-0008"
    assert issn_normalize("0317-8471") == "0317-8471"
    assert issn_normalize("2434-561x") == "2434-561X"
    with pytest.raises(ValidationError):
        issn_normalize("0317-8472")


def test_doi_syntax():
    assert doi_normalize("https://doi.org/10.1000/xyz123") == "10.1000/xyz123"
    assert (
        doi_normalize("doi:10.12345/jses.2023.12.2.45") == "10.12345/jses.2023.12.2.45"
    )
    for bad in ("10.1/abc", "11.1000/abc", "10.1000/", "10.1000/a b"):
        with pytest.raises(ValidationError):
            doi_normalize(bad)


def test_orcid_iso_7064_check_digit():
    assert orcid_normalize("https://orcid.org/0000-0002-1825-0097") == (
        "0000-0002-1825-0097"
    )
    assert orcid_normalize("000000021694233X") == "0000-0002-1694-233X"
    with pytest.raises(ValidationError):
        orcid_normalize("0000-0002-1825-0098")


def test_the_message_is_in_the_users_language():
    with translation.override("ko"), pytest.raises(ValidationError) as error:
        isbn_normalize("978-0-306-40615-8")
    assert "ISBN" in error.value.messages[0]
    assert "올바른" in error.value.messages[0] or "유효" in error.value.messages[0]


def test_a_publication_stores_identifiers_in_canonical_form(index, author):
    page = publication_create(
        index=index,
        authors=[author],
        isbn="979-11-961230-0-0",
        issn="2508 0008",
        doi="https://doi.org/10.1000/XYZ",
    )
    assert (page.isbn, page.issn, page.doi) == (
        "9791196123000",
        "2508-0008",
        "10.1000/XYZ",
    )


def test_a_person_with_a_bad_orcid_is_refused(db):
    with pytest.raises(ValidationError):
        person_create(orcid="0000-0002-1825-0098").full_clean()
