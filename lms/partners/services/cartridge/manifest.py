"""The manifest of an export (`imsmanifest.xml`, LOM metadata and the
organization) and the LTI links of a thin export."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import (
    CourseModulePage,
    CoursePage,
)

from .names import (
    LICENCE_TEXT,
    NS_BLTI,
    NS_CP,
    NS_LOM_MANIFEST,
    NS_LOM_RESOURCE,
    NS_LTI_CC,
    NS_LTICM,
    NS_LTICP,
    NS_XSI,
    SCHEMA_LOCATIONS,
    _q,
    _root,
    _sub,
    _xml_bytes,
)
from .package import _Resource


def _lti_link(*, title: str, page_id: int, launch_url: str, description: str) -> bytes:
    root = _root(NS_LTI_CC, "cartridge_basiclti_link")
    root.set(_q(NS_XSI, "schemaLocation"), f"{NS_LTI_CC} {SCHEMA_LOCATIONS[NS_LTI_CC]}")
    _sub(root, NS_BLTI, "title", title)
    if description:
        _sub(root, NS_BLTI, "description", description)
    custom = _sub(root, NS_BLTI, "custom")
    _sub(custom, NS_LTICM, "property", str(page_id), name="campus_page")
    _sub(root, NS_BLTI, "launch_url", launch_url)
    if launch_url.startswith("https://"):
        _sub(root, NS_BLTI, "secure_launch_url", launch_url)
    vendor = _sub(root, NS_BLTI, "vendor")
    _sub(vendor, NS_LTICP, "code", "campus")
    _sub(vendor, NS_LTICP, "name", "Campus")
    return _xml_bytes(root)


# --- the manifest ---------------------------------------------------------------


def _lom_string(parent, namespace: str, tag: str, text: str, language: str):
    element = _sub(parent, namespace, tag)
    _sub(element, namespace, "string", text, language=language)
    return element


def _rights_text(course: CoursePage, agreement) -> str:
    text = LICENCE_TEXT.get(course.licence, course.get_licence_display())
    if agreement is None:
        return text
    period = agreement.starts_on.isoformat()
    if agreement.ends_on:
        period = f"{period}/{agreement.ends_on.isoformat()}"
    return _(
        "%(licence)s. Licensed to %(partner)s under the agreement “%(agreement)s” "
        "(%(terms)s), %(period)s."
    ) % {
        "licence": text,
        "partner": agreement.institution.name,
        "agreement": agreement.title,
        "terms": agreement.get_licence_display(),
        "period": period,
    }


def _manifest(
    *,
    course: CoursePage,
    language: str,
    rights: str,
    tree: list[tuple[CourseModulePage, list[tuple[str, str]]]],
    resources: list[_Resource],
    identifier: str,
) -> bytes:
    root = _root(NS_CP, "manifest", identifier=identifier)
    root.set(
        _q(NS_XSI, "schemaLocation"),
        " ".join(
            f"{ns} {SCHEMA_LOCATIONS[ns]}"
            for ns in (NS_CP, NS_LOM_MANIFEST, NS_LOM_RESOURCE)
        ),
    )
    metadata = _sub(root, NS_CP, "metadata")
    _sub(metadata, NS_CP, "schema", "IMS Common Cartridge")
    _sub(metadata, NS_CP, "schemaversion", "1.3.0")
    lom = _sub(metadata, NS_LOM_MANIFEST, "lom")
    general = _sub(lom, NS_LOM_MANIFEST, "general")
    _lom_string(general, NS_LOM_MANIFEST, "title", course.title, language)
    _sub(general, NS_LOM_MANIFEST, "language", language)
    _lom_string(general, NS_LOM_MANIFEST, "description", course.summary, language)
    for tag in course.tags.all():
        _lom_string(general, NS_LOM_MANIFEST, "keyword", tag.name, language)
    lifecycle = _sub(lom, NS_LOM_MANIFEST, "lifeCycle")
    contribute = _sub(lifecycle, NS_LOM_MANIFEST, "contribute")
    date = _sub(contribute, NS_LOM_MANIFEST, "date")
    _sub(date, NS_LOM_MANIFEST, "dateTime", timezone.localdate().isoformat())
    rights_el = _sub(lom, NS_LOM_MANIFEST, "rights")
    restricted = _sub(rights_el, NS_LOM_MANIFEST, "copyrightAndOtherRestrictions")
    _sub(restricted, NS_LOM_MANIFEST, "value", "yes")
    _lom_string(rights_el, NS_LOM_MANIFEST, "description", rights, language)

    organizations = _sub(root, NS_CP, "organizations")
    organization = _sub(
        organizations,
        NS_CP,
        "organization",
        identifier="O_1",
        structure="rooted-hierarchy",
    )
    top = _sub(organization, NS_CP, "item", identifier="LearningModules")
    for module, items in tree:
        module_item = _sub(top, NS_CP, "item", identifier=f"M_{module.pk}")
        _sub(module_item, NS_CP, "title", module.title)
        for resource_id, title in items:
            leaf = _sub(
                module_item,
                NS_CP,
                "item",
                identifier=f"I_{resource_id}",
                identifierref=resource_id,
            )
            _sub(leaf, NS_CP, "title", title)

    resources_el = _sub(root, NS_CP, "resources")
    for resource in resources:
        attrs = {"identifier": resource.identifier, "type": resource.type}
        if resource.href:
            attrs["href"] = resource.href
        element = _sub(resources_el, NS_CP, "resource", **attrs)
        for path in resource.files:
            _sub(element, NS_CP, "file", href=path)
    return _xml_bytes(root)
