"""The protocol's plumbing: identifiers, datestamps, resumption tokens and the
response document. No database reads here; `verbs` answers the requests."""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.utils import timezone
from lxml import etree

from lms.core.errors import CampusError

from ..models import utc_seconds

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
ID_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

TOKEN_SALT = "research_portal.oai.resumption"  # noqa: S105 (a signing salt)
TOKEN_LIFETIME = dt.timedelta(hours=25)
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OaiError(CampusError):
    """An OAI-PMH error condition: `code` is the protocol's error code. It is
    answered as HTTP 200 XML, as the protocol asks, not as problem+json."""

    status = 200

    def __init__(self, code: str, message: str):
        super().__init__(message, code=code)


def page_size() -> int:
    return getattr(settings, "OAI_PAGE_SIZE", 100)


def repository_identifier() -> str:
    return getattr(settings, "OAI_REPOSITORY_IDENTIFIER", "campus.example")


def oai_identifier(publication_id: int) -> str:
    return f"oai:{repository_identifier()}:publication/{publication_id}"


def publication_id_of(identifier: str) -> int | None:
    prefix = f"oai:{repository_identifier()}:publication/"
    if identifier.startswith(prefix) and identifier[len(prefix) :].isdigit():
        return int(identifier[len(prefix) :])
    return None


def stamp(value: dt.datetime) -> str:
    return utc_seconds(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_text(value) -> str:
    return _CONTROL.sub("", str(value))


def parse_date(value: str, *, end: bool) -> tuple[dt.datetime, str]:
    """A from/until argument as an aware UTC datetime and its granularity."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
            return moment.replace(microsecond=0, tzinfo=dt.UTC), "day"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", value):
            moment = dt.datetime.strptime(value[:-1] + "+0000", "%Y-%m-%dT%H:%M:%S%z")
            return moment, "seconds"
    except ValueError:
        pass
    raise OaiError(
        "badArgument",
        f"'{value}' is not a UTC datestamp of the form YYYY-MM-DD or {GRANULARITY}.",
    )


@dataclass
class Harvest:
    """The arguments of a list request, from the request or from its token."""

    verb: str
    prefix: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    set_spec: str = ""
    after: tuple[dt.datetime, int] | None = None
    cursor: int = 0
    total: int | None = None

    def token(self, *, after: tuple[dt.datetime, int], cursor: int) -> str:
        payload = {
            "v": self.verb,
            "p": self.prefix,
            "f": self.since.isoformat() if self.since else "",
            "u": self.until.isoformat() if self.until else "",
            "s": self.set_spec,
            "a": [after[0].isoformat(), after[1]],
            "c": cursor,
            "n": self.total,
            "e": int((timezone.now() + TOKEN_LIFETIME).timestamp()),
        }
        return signing.dumps(payload, salt=TOKEN_SALT, compress=True)

    @classmethod
    def from_token(cls, verb: str, token: str) -> "Harvest":
        try:
            payload = signing.loads(token, salt=TOKEN_SALT)
            if payload["v"] != verb:
                raise ValueError("another verb's token")
            if payload["e"] < timezone.now().timestamp():
                raise ValueError("expired")
            return cls(
                verb=verb,
                prefix=payload["p"],
                since=dt.datetime.fromisoformat(payload["f"]) if payload["f"] else None,
                until=dt.datetime.fromisoformat(payload["u"]) if payload["u"] else None,
                set_spec=payload["s"],
                after=(
                    dt.datetime.fromisoformat(payload["a"][0]),
                    int(payload["a"][1]),
                ),
                cursor=int(payload["c"]),
                total=int(payload["n"]),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            raise OaiError(
                "badResumptionToken",
                "The resumption token is invalid or has expired.",
            ) from error


class OaiResponse:
    """Builds one OAI-PMH response document."""

    def __init__(self, request, base_url: str):
        self.request = request
        self.base_url = base_url
        nsmap = {None: OAI_NS, "xsi": XSI_NS}
        self.root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap=nsmap)
        self.root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
        self.el(self.root, "responseDate", stamp(timezone.now()))
        self.request_el = self.el(self.root, "request", base_url)

    @staticmethod
    def el(parent, name, text=None, ns=OAI_NS, **attrs):
        element = etree.SubElement(parent, f"{{{ns}}}{name}")
        if text is not None:
            element.text = clean_text(text)
        for key, value in attrs.items():
            element.set(key, str(value))
        return element

    def render(self) -> HttpResponse:
        body = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", pretty_print=False
        )
        return HttpResponse(body, content_type="text/xml; charset=utf-8")
