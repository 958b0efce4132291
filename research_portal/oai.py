"""OAI-PMH 2.0 at /oai: the six verbs, by GET and POST, with oai_dc.

Written to the protocol (https://www.openarchives.org/OAI/openarchivesprotocol.html)
rather than on the `oaipmh` package, which gets several rules wrong (no final
empty resumption token, forged tokens trusted, repeated arguments accepted).

- Records are `OaiRecord` rows, ordered by (datestamp, id); a resumption token
  is that keyset position, signed, with the harvest's arguments, its cursor,
  the complete list size and an expiry 25 hours ahead. A forged, altered or
  expired token is a badResumptionToken.
- Deleted publications stay as tombstones (deletedRecord "persistent").
- Every error is HTTP 200 XML with the protocol's code.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Min, Prefetch, Q
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from lms.core.errors import CampusError

from .models import (
    CREATOR_ROLES,
    AuthorRole,
    OaiRecord,
    PublicationPage,
    PublicationPageAuthor,
    PublicationPageFile,
    PublicationType,
    Series,
    Topic,
    utc_seconds,
)

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
ID_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

METADATA_FORMATS = {
    "oai_dc": (OAI_DC_SCHEMA, OAI_DC_NS),
}
TOKEN_SALT = "research_portal.oai.resumption"  # noqa: S105 (a signing salt)
TOKEN_LIFETIME = dt.timedelta(hours=25)
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

# the arguments of each verb: (required, optional); a resumptionToken is exclusive
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
}
RESUMABLE = {"ListIdentifiers", "ListRecords", "ListSets"}
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


def _publication_id(identifier: str) -> int | None:
    prefix = f"oai:{repository_identifier()}:publication/"
    if identifier.startswith(prefix) and identifier[len(prefix) :].isdigit():
        return int(identifier[len(prefix) :])
    return None


def _stamp(value: dt.datetime) -> str:
    return utc_seconds(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value) -> str:
    return _CONTROL.sub("", str(value))


def _parse_date(value: str, *, end: bool) -> tuple[dt.datetime, str]:
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
        self.el(self.root, "responseDate", _stamp(timezone.now()))
        self.request_el = self.el(self.root, "request", base_url)

    @staticmethod
    def el(parent, name, text=None, ns=OAI_NS, **attrs):
        element = etree.SubElement(parent, f"{{{ns}}}{name}")
        if text is not None:
            element.text = _text(text)
        for key, value in attrs.items():
            element.set(key, str(value))
        return element

    def render(self) -> HttpResponse:
        body = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", pretty_print=False
        )
        return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _arguments(request) -> dict[str, list[str]]:
    data = request.POST if request.method == "POST" else request.GET
    return {key: values for key, values in data.lists()}


@csrf_exempt
@require_http_methods(["GET", "POST", "HEAD"])
def oai_endpoint(request):
    """The OAI-PMH base URL."""
    base_url = request.build_absolute_uri(request.path)
    response = OaiResponse(request, base_url)
    arguments = _arguments(request)
    try:
        verb = _check_arguments(arguments)
    except OaiError as error:
        # badVerb and badArgument echo the base URL only, without attributes
        OaiResponse.el(response.root, "error", error.message, code=error.code)
        return response.render()
    for key, values in arguments.items():
        response.request_el.set(key, values[0])
    args = {key: values[0] for key, values in arguments.items()}
    try:
        HANDLERS[verb](request, response, args)
    except OaiError as error:
        for child in list(response.root)[2:]:
            response.root.remove(child)
        if error.code in ("badVerb", "badArgument"):
            response.request_el.attrib.clear()
        OaiResponse.el(response.root, "error", error.message, code=error.code)
    return response.render()


def _check_arguments(arguments: dict[str, list[str]]) -> str:
    verbs = arguments.get("verb", [])
    if len(verbs) != 1:
        raise OaiError(
            "badVerb",
            "The verb argument is missing." if not verbs else "The verb is repeated.",
        )
    verb = verbs[0]
    if verb not in VERBS:
        raise OaiError("badVerb", f"'{verb}' is not an OAI-PMH verb.")
    repeated = [key for key, values in arguments.items() if len(values) > 1]
    if repeated:
        raise OaiError("badArgument", f"Repeated argument: {', '.join(repeated)}.")
    required, optional = VERBS[verb]
    given = set(arguments) - {"verb"}
    if "resumptionToken" in given and verb in RESUMABLE:
        if given != {"resumptionToken"}:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        return verb
    unknown = given - required - optional
    if unknown:
        raise OaiError(
            "badArgument", f"Illegal argument for {verb}: {', '.join(sorted(unknown))}."
        )
    missing = required - given
    if missing:
        raise OaiError(
            "badArgument", f"Missing argument for {verb}: {', '.join(sorted(missing))}."
        )
    return verb


def _earliest() -> dt.datetime:
    earliest = OaiRecord.objects.aggregate(earliest=Min("datestamp"))["earliest"]
    return earliest or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _admin_emails() -> list[str]:
    """Plain addresses with a dotted domain, as the schema's pattern asks."""
    from email.utils import parseaddr

    configured = getattr(settings, "OAI_ADMIN_EMAILS", None) or [
        *(email for _name, email in settings.ADMINS),
        settings.DEFAULT_FROM_EMAIL,
    ]
    emails = [parseaddr(value)[1] for value in configured]
    valid = [e for e in emails if re.fullmatch(r"\S+@(\S+\.)+\S+", e)]
    return valid or ["research@campus.example"]


def identify(request, response, args):
    node = response.el(response.root, "Identify")
    response.el(
        node,
        "repositoryName",
        getattr(settings, "OAI_REPOSITORY_NAME", "Campus research center"),
    )
    response.el(node, "baseURL", response.base_url)
    response.el(node, "protocolVersion", "2.0")
    for email in _admin_emails():
        response.el(node, "adminEmail", email)
    response.el(node, "earliestDatestamp", _stamp(_earliest()))
    response.el(node, "deletedRecord", "persistent")
    response.el(node, "granularity", GRANULARITY)
    description = response.el(node, "description")
    identifier = etree.SubElement(
        description, f"{{{ID_NS}}}oai-identifier", nsmap={None: ID_NS}
    )
    identifier.set(f"{{{XSI_NS}}}schemaLocation", f"{ID_NS} {ID_SCHEMA}")
    response.el(identifier, "scheme", "oai", ns=ID_NS)
    response.el(identifier, "repositoryIdentifier", repository_identifier(), ns=ID_NS)
    response.el(identifier, "delimiter", ":", ns=ID_NS)
    response.el(identifier, "sampleIdentifier", oai_identifier(1), ns=ID_NS)


def list_metadata_formats(request, response, args):
    if "identifier" in args:
        _record_for(args["identifier"])
    node = response.el(response.root, "ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        item = response.el(node, "metadataFormat")
        response.el(item, "metadataPrefix", prefix)
        response.el(item, "schema", schema)
        response.el(item, "metadataNamespace", namespace)


def _sets() -> list[tuple[str, str]]:
    sets = [("type", "Publication types")]
    sets += [(f"type:{value}", f"Type: {label}") for value, label in _type_labels()]
    sets.append(("series", "Series"))
    sets += [
        (f"series:{slug}", f"{name} / {name_en}")
        for slug, name, name_en in Series.objects.values_list("slug", "name", "name_en")
    ]
    sets.append(("topic", "Topics"))
    sets += [
        (f"topic:{slug}", f"{name} / {name_en}")
        for slug, name, name_en in Topic.objects.values_list("slug", "name", "name_en")
    ]
    return sets


def _type_labels():
    from django.utils import translation

    with translation.override("en"):
        return [(value, str(label)) for value, label in PublicationType.choices]


def list_sets(request, response, args):
    if "resumptionToken" in args:
        raise OaiError(
            "badResumptionToken", "ListSets answers in one response; no token applies."
        )
    node = response.el(response.root, "ListSets")
    for spec, name in _sets():
        item = response.el(node, "set")
        response.el(item, "setSpec", spec)
        response.el(item, "setName", name)


def _check_prefix(prefix: str) -> None:
    if prefix not in METADATA_FORMATS:
        raise OaiError(
            "cannotDisseminateFormat",
            f"The metadata format '{prefix}' is not supported by this repository.",
        )


def _record_for(identifier: str) -> OaiRecord:
    publication_id = _publication_id(identifier)
    record = (
        OaiRecord.objects.filter(publication_id=publication_id).first()
        if publication_id is not None
        else None
    )
    if record is None:
        raise OaiError(
            "idDoesNotExist", f"No record has the identifier '{identifier}'."
        )
    return record


def get_record(request, response, args):
    _check_prefix(args["metadataPrefix"])
    record = _record_for(args["identifier"])
    pages = _pages_for([record])
    node = response.el(response.root, "GetRecord")
    _write_record(request, response, node, record, pages, with_metadata=True)


def _harvest_from(verb: str, args: dict) -> Harvest:
    if "resumptionToken" in args:
        return Harvest.from_token(verb, args["resumptionToken"])
    harvest = Harvest(
        verb=verb, prefix=args["metadataPrefix"], set_spec=args.get("set", "")
    )
    granularities = set()
    if args.get("from"):
        harvest.since, granularity = _parse_date(args["from"], end=False)
        granularities.add(granularity)
    if args.get("until"):
        harvest.until, granularity = _parse_date(args["until"], end=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if harvest.since and harvest.until and harvest.since > harvest.until:
        raise OaiError("badArgument", "from must not be later than until.")
    _check_prefix(harvest.prefix)
    if harvest.set_spec and not re.fullmatch(
        r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*", harvest.set_spec
    ):
        raise OaiError("badArgument", f"'{harvest.set_spec}' is not a setSpec.")
    return harvest


def _records(harvest: Harvest):
    records = OaiRecord.objects.all()
    if harvest.since:
        records = records.filter(datestamp__gte=harvest.since)
    if harvest.until:
        records = records.filter(datestamp__lte=harvest.until)
    if harvest.set_spec:
        records = records.filter(
            Q(set_specs__contains=f" {harvest.set_spec} ")
            | Q(set_specs__contains=f" {harvest.set_spec}:")
        )
    return records


def _list(request, response, args, *, verb: str, with_metadata: bool):
    harvest = _harvest_from(verb, args)
    first = harvest.total is None
    if first and harvest.until is None:
        # a harvest sees the repository as it was when it began
        harvest.until = utc_seconds(timezone.now())
    records = _records(harvest)
    if first:
        harvest.total = records.count()
    if harvest.after is not None:
        moment, last_id = harvest.after
        records = records.filter(
            Q(datestamp__gt=moment) | Q(datestamp=moment, id__gt=last_id)
        )
    size = page_size()
    batch = list(records.order_by("datestamp", "id")[: size + 1])
    if not batch:
        if harvest.after is None:
            raise OaiError("noRecordsMatch", "No records match the request.")
    more = len(batch) > size
    batch = batch[:size]
    node = response.el(response.root, verb)
    pages = _pages_for(batch) if with_metadata else {}
    for record in batch:
        if with_metadata:
            _write_record(request, response, node, record, pages, with_metadata=True)
        else:
            _write_header(response, node, record)
    if more:
        token = harvest.token(
            after=(batch[-1].datestamp, batch[-1].id),
            cursor=harvest.cursor + len(batch),
        )
        response.el(
            node,
            "resumptionToken",
            token,
            completeListSize=harvest.total,
            cursor=harvest.cursor,
            expirationDate=_stamp(timezone.now() + TOKEN_LIFETIME),
        )
    elif harvest.after is not None:
        # the last page of a resumed list carries an empty token
        response.el(
            node,
            "resumptionToken",
            "",
            completeListSize=harvest.total,
            cursor=harvest.cursor,
        )
    if not batch:
        # a resumed list whose remaining records went away meanwhile
        node.getparent().remove(node)
        raise OaiError("noRecordsMatch", "No records match the request.")


def list_identifiers(request, response, args):
    _list(request, response, args, verb="ListIdentifiers", with_metadata=False)


def list_records(request, response, args):
    _list(request, response, args, verb="ListRecords", with_metadata=True)


def _pages_for(records) -> dict[int, PublicationPage]:
    ids = [r.page_id for r in records if r.page_id and not r.deleted]
    if not ids:
        return {}
    pages = (
        PublicationPage.objects.filter(pk__in=ids)
        .select_related("series")
        .prefetch_related(
            Prefetch(
                "authors",
                queryset=PublicationPageAuthor.objects.select_related(
                    "person"
                ).order_by("sort_order"),
            ),
            "topics",
            Prefetch(
                "files",
                queryset=PublicationPageFile.objects.select_related("file"),
            ),
        )
    )
    return {page.pk: page for page in pages}


def _write_header(response, parent, record):
    header = response.el(parent, "header")
    if record.deleted:
        header.set("status", "deleted")
    response.el(header, "identifier", oai_identifier(record.publication_id))
    response.el(header, "datestamp", _stamp(record.datestamp))
    for spec in record.set_spec_list:
        response.el(header, "setSpec", spec)
    return header


def _write_record(request, response, parent, record, pages, *, with_metadata):
    node = response.el(parent, "record")
    _write_header(response, node, record)
    page = pages.get(record.page_id)
    if record.deleted or page is None:
        if page is None and not record.deleted:
            node.find(f"{{{OAI_NS}}}header").set("status", "deleted")
        return
    metadata = response.el(node, "metadata")
    _write_oai_dc(request, metadata, page)


def _landing_url(request, page) -> str:
    return request.build_absolute_uri(page.get_url(request=request))


def _write_oai_dc(request, parent, page: PublicationPage):
    dc = etree.SubElement(
        parent,
        f"{{{OAI_DC_NS}}}dc",
        nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS},
    )
    dc.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")

    def add(name, value, lang=None):
        if value:
            element = etree.SubElement(dc, f"{{{DC_NS}}}{name}")
            element.text = _text(value)
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
    add("identifier", _landing_url(request, page))
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


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
