"""What a certificate needs, free of Django, and how its values are written."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.pagesizes import A4, landscape

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 18
TEXT_WIDTH = 600
INK = (0.106, 0.122, 0.141)
MUTED = (0.29, 0.325, 0.376)
BACKGROUND_CACHE_SIZE = 32


# --- what a certificate needs, free of Django ---------------------------------------


@dataclass(frozen=True)
class SignatorySpec:
    name_ko: str
    title_ko: str
    name_en: str = ""
    title_en: str = ""
    signature: bytes | None = None  # PNG or JPEG


@dataclass(frozen=True)
class TemplateSpec:
    """A template as the drawing needs it; `key` names its version for the cache."""

    key: str
    title_ko: str
    title_en: str
    body_ko: str
    body_en: str
    issuer_ko: str
    issuer_en: str
    primary: str = "#0f6b4f"
    accent: str = "#b3471b"
    show_pattern: bool = True
    logo: bytes | None = None
    seal: bytes | None = None
    signatories: tuple[SignatorySpec, ...] = ()


@dataclass(frozen=True)
class CertificateContent:
    """What one certificate says."""

    serial: str
    verify_url: str
    learner_name_ko: str
    learner_name_en: str
    course_ko: str
    course_en: str
    hours: Decimal
    run_title: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    completion_date: dt.date | None = None
    grade: Decimal | None = None
    issued_on: dt.date = field(default_factory=dt.date.today)


# --- formatting ---------------------------------------------------------------------

MONTHS_EN = (
    "January February March April May June July August September October "
    "November December"
).split()


def date_ko(day: dt.date | None) -> str:
    return f"{day.year}년 {day.month}월 {day.day}일" if day else ""


def date_en(day: dt.date | None) -> str:
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}" if day else ""


def short_date(day: dt.date | None) -> str:
    return f"{day.year}. {day.month}. {day.day}." if day else ""


def number_text(value: Decimal | None) -> str:
    """24.0 → "24", 12.5 → "12.5"."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def body_values(content: CertificateContent, *, korean: bool, issuer: str) -> dict:
    date = date_ko if korean else date_en
    return {
        "learner_name": content.learner_name_ko
        if korean
        else (content.learner_name_en or content.learner_name_ko),
        "course": content.course_ko if korean else content.course_en,
        "hours": number_text(content.hours),
        "start_date": date(content.start_date or content.completion_date),
        "end_date": date(content.end_date or content.completion_date),
        "completion_date": date(content.completion_date),
        "grade": number_text(content.grade),
        "run": content.run_title,
        "issuer": issuer,
    }
