"""The six verbs: arguments checked, records listed by keyset, answers written.

Per-record formats: oai_datacite is listed by ListMetadataFormats for an
identifier only when that record has it; GetRecord of a record without it is a
cannotDisseminateFormat; ListRecords/ListIdentifiers in it list only the records
that have it (noRecordsMatch when none do).
"""

import datetime as dt
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Prefetch, Q
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from lms.core.page_cache import page_cache_version

from ..models import (
    OaiRecord,
    PublicationPage,
    PublicationPageAuthor,
    PublicationPageFile,
    PublicationType,
    Series,
    Topic,
    utc_seconds,
)
from .formats import METADATA_FORMATS
from .protocol import (
    GRANULARITY,
    ID_NS,
    ID_SCHEMA,
    OAI_NS,
    TOKEN_LIFETIME,
    XSI_NS,
    Harvest,
    OaiError,
    OaiResponse,
    oai_identifier,
    page_size,
    parse_date,
    publication_id_of,
    repository_identifier,
    stamp,
)

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
METADATA_TIMEOUT = 60 * 60 * 24


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
    response.el(node, "earliestDatestamp", stamp(_earliest()))
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
    prefixes = list(METADATA_FORMATS)
    if "identifier" in args:
        available = _record_for(args["identifier"]).format_list
        prefixes = [prefix for prefix in prefixes if prefix in available]
    if not prefixes:
        raise OaiError(
            "noMetadataFormats", "No metadata format is available for this item."
        )
    node = response.el(response.root, "ListMetadataFormats")
    for prefix in prefixes:
        item = response.el(node, "metadataFormat")
        response.el(item, "metadataPrefix", prefix)
        response.el(item, "schema", METADATA_FORMATS[prefix].schema)
        response.el(item, "metadataNamespace", METADATA_FORMATS[prefix].namespace)


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
    publication_id = publication_id_of(identifier)
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
    prefix = args["metadataPrefix"]
    _check_prefix(prefix)
    record = _record_for(args["identifier"])
    if prefix not in record.format_list:
        raise OaiError(
            "cannotDisseminateFormat",
            f"The record '{args['identifier']}' is not available in '{prefix}'"
            + (": it has no DOI." if prefix == "oai_datacite" else "."),
        )
    fragments = _metadata_for(request, [record], prefix)
    node = response.el(response.root, "GetRecord")
    _write_record(response, node, record, fragments)


def _harvest_from(verb: str, args: dict) -> Harvest:
    if "resumptionToken" in args:
        return Harvest.from_token(verb, args["resumptionToken"])
    harvest = Harvest(
        verb=verb, prefix=args["metadataPrefix"], set_spec=args.get("set", "")
    )
    granularities = set()
    if args.get("from"):
        harvest.since, granularity = parse_date(args["from"], end=False)
        granularities.add(granularity)
    if args.get("until"):
        harvest.until, granularity = parse_date(args["until"], end=True)
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
    records = OaiRecord.objects.filter(formats__contains=f" {harvest.prefix} ")
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
    fragments = _metadata_for(request, batch, harvest.prefix) if with_metadata else {}
    for record in batch:
        if with_metadata:
            _write_record(response, node, record, fragments)
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
            expirationDate=stamp(timezone.now() + TOKEN_LIFETIME),
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
        .defer("body", "body_en", "full_text", "search_text")
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
    response.el(header, "datestamp", stamp(record.datestamp))
    for spec in record.set_spec_list:
        response.el(header, "setSpec", spec)
    return header


def _write_record(response, parent, record, fragments):
    node = response.el(parent, "record")
    _write_header(response, node, record)
    fragment = fragments.get(record.id)
    if record.deleted or fragment is None:
        if fragment is None and not record.deleted:
            node.find(f"{{{OAI_NS}}}header").set("status", "deleted")
        return
    metadata = response.el(node, "metadata")
    metadata.append(etree.fromstring(fragment))


def _metadata_for(request, records, prefix: str) -> dict[int, bytes]:
    """Each live record's metadata in `prefix`, serialized, by record id.

    Kept in the cache under the record's datestamp (it moves whenever the
    record changes) and the page-cache version (it moves when a person, topic
    or series is renamed), so a harvest renders each record once, and the
    pages of a record it finds in the cache are not read at all.
    """
    host = request.get_host()
    version = page_cache_version()
    keys = {
        record.id: f"campus:oai:{version}:{host}:{prefix}:{record.id}:"
        f"{int(record.datestamp.timestamp())}"
        for record in records
        if not record.deleted and record.page_id
    }
    cached = cache.get_many(list(keys.values()))
    fragments = {rid: cached[key] for rid, key in keys.items() if key in cached}
    missing = [r for r in records if r.id in keys and r.id not in fragments]
    pages = _pages_for(missing)
    fresh = {}
    for record in missing:
        page = pages.get(record.page_id)
        if page is None:
            continue
        holder = etree.Element("holder")
        METADATA_FORMATS[prefix].write(request, holder, page)
        fragments[record.id] = fresh[keys[record.id]] = etree.tostring(holder[0])
    if fresh:
        cache.set_many(fresh, METADATA_TIMEOUT)
    return fragments


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
