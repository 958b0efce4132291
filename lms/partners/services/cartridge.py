"""IMS Common Cartridge 1.3 export of a course (the .imscc a partner imports).

A course page and its modules become the organization tree of
`imsmanifest.xml`; lessons (and assignments' instructions) become web content,
HTML files with their images and attachments bundled beside them and links
rewritten to those files or to the other lessons of the package; quizzes become
QTI 1.2 assessments of the CC profile where the question types map (single and
multiple choice, true or false, short answer). What does not map is left out
and named in the export report, which the package carries as
`campus_export_report.txt`. A *thin* export holds LTI 1.3 resource links into
our tool instead of the content (`imsbasiclti_xmlv1p3`).

The import of a package is `cartridge_import.py`; both speak the names below.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from xml.etree import ElementTree as ET

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from courses.models import (
    AssignmentPage,
    CourseModulePage,
    CoursePage,
    LessonPage,
    QuestionType,
    QuizPage,
    QuizPageQuestion,
)

# --- the names of Common Cartridge 1.3 ------------------------------------------

NS_CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
NS_LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
NS_LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
NS_LTI_CC = "http://www.imsglobal.org/xsd/imslticc_v1p3"
NS_BLTI = "http://www.imsglobal.org/xsd/imsbasiclti_v1p0"
NS_LTICM = "http://www.imsglobal.org/xsd/imslticm_v1p0"
NS_LTICP = "http://www.imsglobal.org/xsd/imslticp_v1p0"

SCHEMA_LOCATIONS = {
    NS_CP: "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd",
    NS_LOM_MANIFEST: "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/"
    "ccv1p3_lommanifest_v1p0.xsd",
    NS_LOM_RESOURCE: "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/"
    "ccv1p3_lomresource_v1p0.xsd",
    NS_QTI: "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd",
    NS_LTI_CC: "http://www.imsglobal.org/xsd/imslticc_v1p3.xsd",
}

TYPE_WEBCONTENT = "webcontent"
TYPE_QTI = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
TYPE_LTI = "imsbasiclti_xmlv1p3"

PROFILE_SINGLE = "cc.multiple_choice.v0p1"
PROFILE_MULTIPLE = "cc.multiple_response.v0p1"
PROFILE_TRUE_FALSE = "cc.true_false.v0p1"
PROFILE_FIB = "cc.fib.v0p1"

MANIFEST = "imsmanifest.xml"
REPORT = "campus_export_report.txt"

# The licence of a course in words any reader understands, whatever the
# language of the export (the names of the Creative Commons licences).
LICENCE_TEXT = {
    "all_rights_reserved": "All rights reserved",
    "cc_by": "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/",
    "cc_by_sa": "CC BY-SA 4.0 https://creativecommons.org/licenses/by-sa/4.0/",
    "cc_by_nc": "CC BY-NC 4.0 https://creativecommons.org/licenses/by-nc/4.0/",
    "cc_by_nc_sa": "CC BY-NC-SA 4.0 https://creativecommons.org/licenses/by-nc-sa/4.0/",
}

for _prefix, _uri in (
    ("lomimscc", NS_LOM_MANIFEST),
    ("lom", NS_LOM_RESOURCE),
    ("xsi", NS_XSI),
    ("blti", NS_BLTI),
    ("lticm", NS_LTICM),
    ("lticp", NS_LTICP),
):
    ET.register_namespace(_prefix, _uri)


# The namespace of each document's root is its default one (xmlns="…"), as CC
# readers expect; ElementTree cannot write unprefixed attributes beside a
# default namespace, so those elements are written with plain names under a
# root that declares it.
_DEFAULT_NAMESPACES = {NS_CP, NS_QTI, NS_LTI_CC}


def _q(namespace: str, tag: str) -> str:
    if namespace in _DEFAULT_NAMESPACES:
        return tag
    return f"{{{namespace}}}{tag}"


def _root(namespace: str, tag: str, **attrs) -> ET.Element:
    return ET.Element(tag, {"xmlns": namespace, **attrs})


def _sub(parent, namespace: str, tag: str, text=None, **attrs):
    element = ET.SubElement(
        parent, _q(namespace, tag), {k: str(v) for k, v in attrs.items()}
    )
    if text is not None:
        element.text = str(text)
    return element


def _xml_bytes(root) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- what an export gives -------------------------------------------------------


@dataclass
class CartridgeExport:
    """A packaged course: the .imscc bytes, a file name, and what was left out."""

    content: bytes
    filename: str
    skipped: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Resource:
    identifier: str
    type: str
    href: str | None
    files: list[str]


class _Package:
    """The files of the package being written, and its resources."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.resources: list[_Resource] = []
        self.skipped: list[str] = []

    def add_file(self, path: str, data: bytes) -> str:
        self.files[path] = data
        return path


def _safe_name(name: str, fallback: str) -> str:
    """A file name that is one plain path segment: ASCII, no separators."""
    stem, dot, ext = posixpath.basename(name or "").rpartition(".")
    if not dot:
        stem, ext = ext, ""
    stem = slugify(stem)[:60] or fallback
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())[:8]
    return f"{stem}.{ext}" if ext else stem


def _read_file(field_file) -> bytes | None:
    try:
        field_file.open("rb")
        try:
            return field_file.read()
        finally:
            field_file.close()
    except (OSError, ValueError):
        return None


# --- lessons as web content -----------------------------------------------------

_PAGE_LINK = re.compile(r'<a linktype="page" id="(\d+)">', re.IGNORECASE)
_DOC_LINK = re.compile(r'<a linktype="document" id="(\d+)">', re.IGNORECASE)


class _LessonWriter:
    """One page's HTML, with its images and attachments in its own folder."""

    def __init__(self, package: _Package, folder: str, page_files: dict[int, str]):
        self.package = package
        self.folder = folder
        self.page_files = page_files
        self.files: list[str] = []
        self._names: set[str] = set()

    def bundle(self, data: bytes, name: str, fallback: str) -> str:
        """Store `data` under the lesson's folder; its href relative to the HTML."""
        base = _safe_name(name, fallback)
        candidate, n = base, 1
        while candidate in self._names:
            stem, dot, ext = base.rpartition(".")
            candidate = f"{stem or ext}-{n}{dot}{ext if stem else ''}"
            n += 1
        self._names.add(candidate)
        relative = f"files/{candidate}"
        self.files.append(self.package.add_file(f"{self.folder}/{relative}", data))
        return relative

    def rich_text(self, source: str) -> str:
        """Wagtail's stored rich text as HTML, links pointing into the package."""

        def page_link(match):
            target = self.page_files.get(int(match.group(1)))
            if target is not None:
                href = posixpath.relpath(target, self.folder)
                return f'<a href="{escape(href)}">'
            return match.group(0)  # expand_db_html gives the page's own URL

        def document_link(match):
            from wagtail.documents import get_document_model

            document = get_document_model().objects.filter(pk=match.group(1)).first()
            data = _read_file(document.file) if document is not None else None
            if data is None:
                return "<a>"
            href = self.bundle(data, document.file.name, "document")
            return f'<a href="{escape(href)}">'

        source = _PAGE_LINK.sub(page_link, source)
        source = _DOC_LINK.sub(document_link, source)
        return expand_db_html(source)

    def stream(self, body, *, where: str) -> str:
        parts = []
        for block in body:
            kind, value = block.block_type, block.value
            if kind == "heading":
                level = value.get("level") or "h2"
                parts.append(f"<{level}>{escape(value.get('text', ''))}</{level}>")
            elif kind == "paragraph":
                parts.append(self.rich_text(value.source))
            elif kind == "image":
                parts.append(self._image(value, where=where))
            elif kind == "embed":
                url = getattr(value, "url", "") or ""
                if url:
                    parts.append(f'<p><a href="{escape(url)}">{escape(url)}</a></p>')
            elif kind == "document":
                parts.append(self._document(value, where=where))
            elif kind == "link":
                parts.append(
                    f'<p><a href="{escape(value["url"])}">'
                    f"{escape(value['title'])}</a></p>"
                )
                if value.get("description"):
                    parts.append(f"<p>{escape(value['description'])}</p>")
            elif kind == "callout":
                parts.append(
                    f'<aside class="callout callout-{escape(value["kind"])}">'
                    f"{self.rich_text(value['text'].source)}</aside>"
                )
            elif kind == "quote":
                attribution = value.get("attribution")
                footer = (
                    f"<footer>{escape(attribution)}</footer>" if attribution else ""
                )
                parts.append(
                    f"<blockquote><p>{escape(value['text'])}</p>{footer}</blockquote>"
                )
            else:
                self.package.skipped.append(
                    _("%(page)s: a “%(kind)s” block was left out.")
                    % {"page": where, "kind": kind}
                )
        return "\n".join(parts)

    def _image(self, value, *, where: str) -> str:
        data = _read_file(value.file) if value is not None else None
        if data is None:
            self.package.skipped.append(
                _("%(page)s: an image whose file is missing was left out.")
                % {"page": where}
            )
            return ""
        href = self.bundle(data, value.file.name, "image")
        alt = getattr(value, "contextual_alt_text", None)
        if alt is None:
            alt = value.default_alt_text or ""
        return f'<figure><img src="{escape(href)}" alt="{escape(alt)}"></figure>'

    def _document(self, value, *, where: str) -> str:
        file = value.get("file")
        data = _read_file(file.file) if file is not None and file.file else None
        if data is None:
            self.package.skipped.append(
                _("%(page)s: an attachment whose file is missing was left out.")
                % {"page": where}
            )
            return ""
        name = file.original_filename or file.file.name
        href = self.bundle(data, name, "attachment")
        label = value.get("title") or file.label or name
        return f'<p><a href="{escape(href)}">{escape(label)}</a></p>'


def _html_document(*, title: str, language: str, body: str) -> bytes:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    ).encode()


# --- quizzes as QTI -------------------------------------------------------------


def _qti_meta(parent, fields: dict[str, str]) -> None:
    meta = _sub(parent, NS_QTI, "qtimetadata")
    for label, entry in fields.items():
        field_el = _sub(meta, NS_QTI, "qtimetadatafield")
        _sub(field_el, NS_QTI, "fieldlabel", label)
        _sub(field_el, NS_QTI, "fieldentry", entry)


def _mattext(parent, text: str) -> None:
    material = _sub(parent, NS_QTI, "material")
    _sub(material, NS_QTI, "mattext", text, texttype="text/plain")


def _points(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _qti_item(section, question, ident: str) -> bool:
    """One question as a QTI item; False when its type has no CC profile."""
    kind = question.type
    if kind not in (
        QuestionType.SINGLE,
        QuestionType.MULTIPLE,
        QuestionType.TRUE_FALSE,
        QuestionType.SHORT_TEXT,
    ):
        return False
    profile = {
        QuestionType.SINGLE: PROFILE_SINGLE,
        QuestionType.MULTIPLE: PROFILE_MULTIPLE,
        QuestionType.TRUE_FALSE: PROFILE_TRUE_FALSE,
        QuestionType.SHORT_TEXT: PROFILE_FIB,
    }[kind]
    item = _sub(section, NS_QTI, "item", ident=ident, title=question.text[:80])
    metadata = _sub(item, NS_QTI, "itemmetadata")
    _qti_meta(
        metadata, {"cc_profile": profile, "cc_weighting": _points(question.points)}
    )
    presentation = _sub(item, NS_QTI, "presentation")
    _mattext(presentation, question.text)

    if kind == QuestionType.SHORT_TEXT:
        response = _sub(
            presentation,
            NS_QTI,
            "response_str",
            ident="response1",
            rcardinality="Single",
        )
        _sub(response, NS_QTI, "render_fib")
        correct = [("varequal", answer) for answer in question.accepted_answer_list]
        wrong: list[tuple[str, str]] = []
    else:
        if kind == QuestionType.TRUE_FALSE:
            options = [
                ("true", _("True"), bool(question.correct_boolean)),
                ("false", _("False"), question.correct_boolean is False),
            ]
        else:
            options = [
                (f"{ident}_o{n}", option.text, option.is_correct)
                for n, option in enumerate(question.options.all(), start=1)
            ]
        response = _sub(
            presentation,
            NS_QTI,
            "response_lid",
            ident="response1",
            rcardinality="Multiple" if kind == QuestionType.MULTIPLE else "Single",
        )
        render = _sub(response, NS_QTI, "render_choice")
        for option_ident, text, _correct in options:
            label = _sub(render, NS_QTI, "response_label", ident=option_ident)
            _mattext(label, text)
        correct = [("varequal", o[0]) for o in options if o[2]]
        wrong = [("varequal", o[0]) for o in options if not o[2]]

    processing = _sub(item, NS_QTI, "resprocessing")
    outcomes = _sub(processing, NS_QTI, "outcomes")
    _sub(
        outcomes,
        NS_QTI,
        "decvar",
        varname="SCORE",
        vartype="Decimal",
        minvalue="0",
        maxvalue="100",
    )
    condition = _sub(processing, NS_QTI, "respcondition", **{"continue": "No"})
    conditionvar = _sub(condition, NS_QTI, "conditionvar")
    if kind == QuestionType.MULTIPLE:
        both = _sub(conditionvar, NS_QTI, "and")
        for _tag, value in correct:
            _sub(both, NS_QTI, "varequal", value, respident="response1")
        for _tag, value in wrong:
            negated = _sub(both, NS_QTI, "not")
            _sub(negated, NS_QTI, "varequal", value, respident="response1")
    else:
        for _tag, value in correct:
            attrs = {"respident": "response1"}
            if kind == QuestionType.SHORT_TEXT:
                attrs["case"] = "No"
            _sub(conditionvar, NS_QTI, "varequal", value, **attrs)
    _sub(condition, NS_QTI, "setvar", "100", varname="SCORE", action="Set")
    if question.explanation:
        feedback_ref = _sub(condition, NS_QTI, "displayfeedback")
        feedback_ref.set("feedbacktype", "Response")
        feedback_ref.set("linkrefid", "general_fb")
        feedback = _sub(item, NS_QTI, "itemfeedback", ident="general_fb")
        flow = _sub(feedback, NS_QTI, "flow_mat")
        _mattext(flow, question.explanation)
    return True


def _qti_assessment(
    quiz: QuizPage, ident: str, skipped: list[str]
) -> tuple[bytes, int]:
    """The quiz as a QTI assessment, and how many of its questions it holds."""
    root = _root(NS_QTI, "questestinterop")
    root.set(_q(NS_XSI, "schemaLocation"), f"{NS_QTI} {SCHEMA_LOCATIONS[NS_QTI]}")
    assessment = _sub(root, NS_QTI, "assessment", ident=ident, title=quiz.title)
    fields = {
        "cc_profile": "cc.exam.v0p1",
        "qmd_assessmenttype": "Examination",
        "cc_maxattempts": str(quiz.attempts_allowed or "unlimited"),
    }
    if quiz.time_limit_minutes:
        fields["qmd_timelimit"] = str(quiz.time_limit_minutes)
    _qti_meta(assessment, fields)
    if quiz.intro:
        rubric = _sub(assessment, NS_QTI, "rubric")
        material = _sub(rubric, NS_QTI, "material")
        _sub(
            material,
            NS_QTI,
            "mattext",
            expand_db_html(quiz.intro),
            texttype="text/html",
        )
    section = _sub(assessment, NS_QTI, "section", ident="root_section")
    links = (
        QuizPageQuestion.objects.filter(page=quiz)
        .select_related("question")
        .prefetch_related("question__options")
        .order_by("sort_order", "pk")
    )
    exported = 0
    for n, link in enumerate(links, start=1):
        question = link.question
        if _qti_item(section, question, f"{ident}_q{n}"):
            exported += 1
        else:
            skipped.append(
                _(
                    "%(quiz)s: question “%(question)s” (%(type)s) has no Common "
                    "Cartridge form and was left out."
                )
                % {
                    "quiz": quiz.title,
                    "question": question.text[:60],
                    "type": question.get_type_display(),
                }
            )
    return _xml_bytes(root), exported


# --- LTI links (thin export) ----------------------------------------------------


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


def _course_pages(course: CoursePage):
    """The live modules and their live lessons, quizzes and assignments, in order."""
    modules = list(CourseModulePage.objects.child_of(course).live().order_by("path"))
    children = {}
    for model in (LessonPage, QuizPage, AssignmentPage):
        for page in model.objects.descendant_of(course).live().order_by("path"):
            children.setdefault(page.path[: -model.steplen], []).append(page)
    return [
        (module, sorted(children.get(module.path, []), key=lambda page: page.path))
        for module in modules
    ]


def cartridge_export(
    *,
    course: CoursePage,
    agreement=None,
    thin: bool = False,
    launch_url: str = "",
) -> CartridgeExport:
    """The course as an IMS Common Cartridge 1.3 package (.imscc).

    `agreement` (a partner's) adds its terms to the licence in the metadata.
    `thin` gives LTI 1.3 links to `launch_url` (our tool's) instead of content.
    Only live pages are exported; nothing is written to the database.
    """
    package = _Package()
    language = "en" if course.course_language == "en" else "ko"
    if course.locale_id and course.locale.language_code.startswith("en"):
        language = "en"
    pages = _course_pages(course)
    folders = {}
    for _module, items in pages:
        for page in items:
            if not isinstance(page, QuizPage):
                folders[page.pk] = f"p{page.pk}"
    page_files = {pk: f"{folder}/index.html" for pk, folder in folders.items()}

    tree = []
    counts = {"modules": 0, "lessons": 0, "quizzes": 0, "questions": 0, "lti_links": 0}
    for module, items in pages:
        counts["modules"] += 1
        entries = []
        for page in items:
            identifier = f"R_{page.pk}"
            if thin:
                data = _lti_link(
                    title=page.title,
                    page_id=page.pk,
                    launch_url=launch_url,
                    description=getattr(page, "search_description", "") or "",
                )
                path = package.add_file(f"p{page.pk}/lti_link.xml", data)
                package.resources.append(_Resource(identifier, TYPE_LTI, None, [path]))
                counts["lti_links"] += 1
            elif isinstance(page, QuizPage):
                data, exported = _qti_assessment(page, identifier, package.skipped)
                path = package.add_file(f"q{page.pk}/assessment_qti.xml", data)
                package.resources.append(_Resource(identifier, TYPE_QTI, None, [path]))
                counts["quizzes"] += 1
                counts["questions"] += exported
            else:
                folder = folders[page.pk]
                writer = _LessonWriter(package, folder, page_files)
                body = page.body if isinstance(page, LessonPage) else page.instructions
                html = writer.stream(body, where=page.title)
                if isinstance(page, AssignmentPage):
                    package.skipped.append(
                        _(
                            "%(page)s: an assignment is exported as a page of its "
                            "instructions; its submission settings are not."
                        )
                        % {"page": page.title}
                    )
                index = package.add_file(
                    page_files[page.pk],
                    _html_document(title=page.title, language=language, body=html),
                )
                package.resources.append(
                    _Resource(
                        identifier, TYPE_WEBCONTENT, index, [index, *writer.files]
                    )
                )
                counts["lessons"] += 1
            entries.append((identifier, page.title))
        tree.append((module, entries))

    report_lines = [
        _("Common Cartridge export of “%(course)s”") % {"course": course.title},
        "",
        *(package.skipped or [_("Nothing was left out.")]),
    ]
    report = package.add_file(REPORT, ("\n".join(report_lines) + "\n").encode())
    package.resources.append(_Resource("R_report", TYPE_WEBCONTENT, report, [report]))

    manifest = _manifest(
        course=course,
        language=language,
        rights=_rights_text(course, agreement),
        tree=tree,
        resources=package.resources,
        identifier=f"campus_course_{course.pk}",
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest)
        for path, data in package.files.items():
            archive.writestr(path, data)
    slug = slugify(course.slug)[:60] or f"course-{course.pk}"
    return CartridgeExport(
        content=buffer.getvalue(),
        filename=f"{slug}{'-lti' if thin else ''}.imscc",
        skipped=package.skipped,
        counts=counts,
    )
