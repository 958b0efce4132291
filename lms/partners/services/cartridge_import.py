"""Import of an IMS Common Cartridge (1.0 to 1.3) into a draft course.

A package is refused with a clear message, before anything is written, when it
is not a zip, is too large (in total, in files, in one file, or compressed
suspiciously well), has a path that would leave the package (zip slip), has no
manifest, or its XML declares a DTD or entities (entity expansion, external
entities). XML is read with defusedxml and nothing is fetched from the network.

The course is then built in one transaction: its organization's top items
become modules, web content becomes lessons (HTML sanitised with nh3, images
and attachments from the package kept as Wagtail images and documents),
assessments become quizzes with their questions in the course's bank, web
links become lessons with a link. All pages are drafts (not live). Files of
types outside the allow-list, discussions, LTI links and questions of other
types are skipped and listed in the report. If anything fails, the rows roll
back and the files already stored are deleted.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses.models import (
    CourseIndexPage,
    CourseModulePage,
    CoursePage,
    LessonPage,
    Question,
    QuestionOption,
    QuestionType,
    QuizPage,
    QuizPageQuestion,
)

from ..errors import CartridgeError
from .cartridge import LICENCE_TEXT, MANIFEST

MAX_PACKAGE_BYTES = 50 * 1024 * 1024
MAX_FILES = 1000
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, per file larger than 1 MB
MAX_XML_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_ITEMS = 1000  # pages made from the organization
MAX_QUESTIONS = 500  # questions of one assessment

IMAGE_TYPES = {"png", "jpg", "jpeg", "gif", "webp"}
DOCUMENT_TYPES = {"pdf", "docx", "xlsx", "pptx", "hwp", "hwpx", "txt", "csv"}
MARKUP_TYPES = {"xml", "html", "htm", "qti"}
ALLOWED_TYPES = IMAGE_TYPES | DOCUMENT_TYPES | MARKUP_TYPES

# rich text a lesson paragraph accepts (lms.core.blocks.BaseStreamBlock)
HTML_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em",
    "a", "ol", "ul", "li", "hr", "img",
}  # fmt: skip
HTML_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
CC_FILEBASE = "$IMS-CC-FILEBASE$"


NOT_A_PACKAGE = gettext_lazy(
    "This file is not a Common Cartridge package (.imscc, a zip file)."
)


@dataclass
class CartridgeImport:
    """What an import made, and what it left out and why."""

    course: CoursePage | None = None
    modules: int = 0
    lessons: int = 0
    quizzes: int = 0
    questions: int = 0
    images: int = 0
    documents: int = 0
    skipped: list[str] = field(default_factory=list)


# --- the package: checked before anything is read --------------------------------


def _member_path(name: str) -> str:
    """The member's normalised path; CartridgeError if it would leave the package."""
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or re.match(r"^[A-Za-z]:", name)
    ):
        raise CartridgeError(
            _("The package has an unsafe file path: %(path)s") % {"path": name[:200]}
        )
    normal = posixpath.normpath(name)
    if normal == ".." or normal.startswith("../") or "/../" in f"/{name}/":
        raise CartridgeError(
            _("The package has an unsafe file path: %(path)s") % {"path": name[:200]}
        )
    return normal


class _Archive:
    """The checked zip: members by normalised path."""

    def __init__(self, upload) -> None:
        size = getattr(upload, "size", None)
        if size is None:
            upload.seek(0, io.SEEK_END)
            size = upload.tell()
        if size > MAX_PACKAGE_BYTES:
            raise CartridgeError(
                _("The package is larger than %(mb)d MB.")
                % {"mb": MAX_PACKAGE_BYTES // (1024 * 1024)}
            )
        upload.seek(0)
        try:
            self.zip = zipfile.ZipFile(upload)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
            raise CartridgeError(NOT_A_PACKAGE) from error
        if len(infos) > MAX_FILES:
            raise CartridgeError(
                _("The package has more than %(n)d files.") % {"n": MAX_FILES}
            )
        self.members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            path = _member_path(info.filename)
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise CartridgeError(_("The package has encrypted files."))
            if info.file_size > MAX_FILE_BYTES:
                raise CartridgeError(
                    _("The file %(path)s is larger than %(mb)d MB.")
                    % {"path": path, "mb": MAX_FILE_BYTES // (1024 * 1024)}
                )
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise CartridgeError(
                    _(
                        "The file %(path)s is compressed suspiciously well "
                        "(a zip bomb?)."
                    )
                    % {"path": path}
                )
            total += info.file_size
            self.members[path] = info
        if total > MAX_TOTAL_BYTES:
            raise CartridgeError(
                _("The package unpacks to more than %(mb)d MB.")
                % {"mb": MAX_TOTAL_BYTES // (1024 * 1024)}
            )
        if MANIFEST not in self.members:
            raise CartridgeError(
                _("The package has no imsmanifest.xml at its top level.")
            )

    def read(self, path: str, limit: int = MAX_FILE_BYTES) -> bytes:
        info = self.members[path]
        with self.zip.open(info) as member:
            data = member.read(limit + 1)
        if len(data) > limit:  # the header lied about the size
            raise CartridgeError(
                _("The file %(path)s is larger than it says.") % {"path": path}
            )
        return data

    def has(self, path: str) -> bool:
        return path in self.members


def _xml(archive: _Archive, path: str):
    """A package's XML file, parsed safely: no DTD, no entities, no network."""
    data = archive.read(path, limit=MAX_XML_BYTES)
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise CartridgeError(
            _("%(path)s declares a DTD or entities, which are not accepted.")
            % {"path": path}
        ) from error
    except SafeET.ParseError as error:
        raise CartridgeError(
            _("%(path)s is not well-formed XML.") % {"path": path}
        ) from error


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _child(element, name: str):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _descendants(element, name: str) -> list:
    return [each for each in element.iter() if _local(each.tag) == name]


def _text(element) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _ext(path: str) -> str:
    return path.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(path) else ""


# --- the manifest ----------------------------------------------------------------


@dataclass
class _Resource:
    identifier: str
    type: str
    href: str | None
    files: list[str]
    base: str


def _resolve(base: str, href: str) -> str | None:
    """A path inside the package for `href` relative to the folder `base`."""
    href = unquote(urlsplit(href).path)
    if href.startswith(CC_FILEBASE):
        href = href[len(CC_FILEBASE) :].lstrip("/")
    if not href or href.startswith("/"):
        return None
    joined = (
        posixpath.normpath(posixpath.join(base, href))
        if base
        else posixpath.normpath(href)
    )
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


def _resources(manifest) -> dict[str, _Resource]:
    found = {}
    for resources in _children(manifest, "resources"):
        base = resources.get("{http://www.w3.org/XML/1998/namespace}base", "")
        for element in _children(resources, "resource"):
            identifier = element.get("identifier") or ""
            own_base = posixpath.join(
                base, element.get("{http://www.w3.org/XML/1998/namespace}base", "")
            )
            href = element.get("href")
            files = [
                path
                for path in (
                    _resolve(own_base, file.get("href") or "")
                    for file in _children(element, "file")
                )
                if path
            ]
            found[identifier] = _Resource(
                identifier=identifier,
                type=(element.get("type") or "").lower(),
                href=_resolve(own_base, href) if href else None,
                files=files,
                base=own_base,
            )
    return found


def _lom_string(element) -> str:
    if element is None:
        return ""
    strings = _descendants(element, "string")
    return _text(strings[0]) if strings else _text(element)


def _course_metadata(manifest) -> dict[str, str]:
    metadata = _child(manifest, "metadata")
    lom = None
    if metadata is not None:
        lom = next(iter(_descendants(metadata, "lom")), None)
    general = _child(lom, "general") if lom is not None else None
    rights = _child(lom, "rights") if lom is not None else None
    return {
        "title": _lom_string(_child(general, "title")) if general is not None else "",
        "description": _lom_string(_child(general, "description"))
        if general is not None
        else "",
        "language": _text(_child(general, "language")) if general is not None else "",
        "rights": _lom_string(_child(rights, "description"))
        if rights is not None
        else "",
    }


def _item_title(item) -> str:
    return _text(_child(item, "title"))


def _leaves(item) -> list:
    """The items with a resource under `item`, depth first (sub-folders flattened)."""
    found = []
    for child in _children(item, "item"):
        if child.get("identifierref"):
            found.append(child)
        found.extend(_leaves(child))
    return found


def _modules(manifest, course_title: str) -> list[tuple[str, list]]:
    """(module title, leaf items) from the first organization."""
    organizations = _child(manifest, "organizations")
    organization = (
        _child(organizations, "organization") if organizations is not None else None
    )
    if organization is None:
        return []
    top = _children(organization, "item")
    if len(top) == 1 and not top[0].get("identifierref"):
        top = _children(top[0], "item")  # the root item (LearningModules)
    modules: list[tuple[str, list]] = []
    loose: list = []
    for item in top:
        if item.get("identifierref"):
            loose.append(item)
            continue
        if loose:
            modules.append((course_title, loose))
            loose = []
        modules.append((_item_title(item) or course_title, _leaves(item)))
    if loose:
        modules.append((course_title, loose))
    return modules


# --- HTML into a lesson body -------------------------------------------------------

_BLOCK_TAGS = {"p", "h3", "h4", "ul", "ol", "hr"}
_RENAME = {"strong": "b", "em": "i", "h5": "h4", "h6": "h4"}


class _BodyBuilder(HTMLParser):
    """Sanitised HTML into StreamField blocks: headings, paragraphs, images.

    Rich text is split where a top-level heading or an image comes (images are
    blocks of their own), closing and reopening the tags around the split.
    """

    def __init__(self, *, link_for, image_for) -> None:
        super().__init__(convert_charrefs=True)
        self.link_for = link_for
        self.image_for = image_for
        self.blocks: list[dict] = []
        self.buffer: list[str] = []
        self.stack: list[str] = []
        self.heading: list[str] | None = None
        self.implicit_p = False

    # helpers
    def _flush(self) -> None:
        if self.implicit_p:
            self.buffer.append("</p>")
            self.implicit_p = False
        html = "".join(self.buffer).strip()
        if re.sub(r"<[^>]+>|\s", "", html) or "<hr" in html:
            self.blocks.append({"type": "paragraph", "value": html})
        self.buffer = []

    def _split(self, block: dict) -> None:
        reopen = list(self.stack)
        self.buffer.extend(f"</{tag}>" for tag in reversed(reopen))
        was_implicit = self.implicit_p
        self._flush()
        self.blocks.append(block)
        if was_implicit:
            self.buffer.append("<p>")
            self.implicit_p = True
        self.buffer.extend(f"<{tag}>" for tag in reopen)

    def handle_starttag(self, tag, attrs):
        tag = _RENAME.get(tag, tag)
        attrs = dict(attrs)
        if self.heading is not None:
            return
        if tag in ("h1", "h2") and not self.stack:
            self._flush()
            self.heading = []
            return
        if tag in ("h1", "h2"):
            tag = "h3"
        if tag == "img":
            block = self.image_for(attrs.get("src") or "", attrs.get("alt") or "")
            if block is not None:
                self._split(block)
            return
        if tag in ("br", "hr"):
            if tag == "hr" and not self.stack:
                self._close_implicit()
            self.buffer.append(f"<{tag}/>")
            return
        if tag in _BLOCK_TAGS and not self.stack:
            self._close_implicit()
        elif not self.stack and not self.implicit_p and tag not in _BLOCK_TAGS:
            self.buffer.append("<p>")
            self.implicit_p = True
        if tag == "a":
            link = self.link_for(attrs.get("href") or "")
            self.buffer.append(f"<a {link}>" if link else "<a>")
        elif tag == "li" and not self.stack:
            self.buffer.append("<ul>")
            self.stack.append("ul")
            self.buffer.append("<li>")
        else:
            self.buffer.append(f"<{tag}>")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        tag = _RENAME.get(tag, tag)
        if self.heading is not None:
            if tag in ("h1", "h2"):
                text = " ".join("".join(self.heading).split())
                if text:
                    self.blocks.append(
                        {
                            "type": "heading",
                            "value": {"text": text[:200], "level": "h2"},
                        }
                    )
                self.heading = None
            return
        if tag in ("h1", "h2"):
            tag = "h3"
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            self.buffer.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.heading is not None:
            self.heading.append(data)
            return
        if not data.strip() and not self.stack:
            return
        if not self.stack and not self.implicit_p:
            self.buffer.append("<p>")
            self.implicit_p = True
        self.buffer.append(escape(data, quote=False))

    def _close_implicit(self) -> None:
        if self.implicit_p:
            self.buffer.append("</p>")
            self.implicit_p = False

    def result(self) -> list[dict]:
        self.close()
        while self.stack:
            self.buffer.append(f"</{self.stack.pop()}>")
        self._flush()
        return self.blocks


def _html_body(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    match = re.search(r"<body[^>]*>(.*)</body\s*>", text, re.IGNORECASE | re.DOTALL)
    return match.group(1) if match else text


# --- QTI into questions -------------------------------------------------------------

TRUE_WORDS = {"true", "t", "참", "맞음", "예", "yes", "o", "vrai", "wahr"}


def _meta_fields(element) -> dict[str, str]:
    fields = {}
    for field_el in _descendants(element, "qtimetadatafield"):
        label = _text(_child(field_el, "fieldlabel"))
        if label:
            fields[label] = _text(_child(field_el, "fieldentry"))
    return fields


def _plain(text: str) -> str:
    """Text of a QTI mattext (HTML or not): tags removed, entities decoded."""
    return " ".join(unescape(nh3.clean(text, tags=set())).split())


def _mattext(element) -> str:
    if element is None:
        return ""
    texts = _descendants(element, "mattext")
    return _plain(_text(texts[0])) if texts else ""


def _positive(condition) -> bool:
    for setvar in _children(condition, "setvar"):
        try:
            if Decimal(_text(setvar) or "0") > 0:
                return True
        except InvalidOperation:
            continue
    return False


def _varequal_values(element, negated: bool = False) -> list[str]:
    """The values of <varequal> under `element`, leaving out those in a <not>."""
    values = []
    for child in element:
        name = _local(child.tag)
        if name == "not":
            values.extend(_varequal_values(child, True))
        elif name in ("and", "or"):
            values.extend(_varequal_values(child, negated))
        elif name == "varequal" and not negated:
            values.append(_text(child))
    return values


def _correct_values(item) -> list[str]:
    """The response values of the first scoring condition, outside any <not>."""
    processing = _child(item, "resprocessing")
    if processing is None:
        return []
    for condition in _children(processing, "respcondition"):
        if not _positive(condition):
            continue
        conditionvar = _child(condition, "conditionvar")
        if conditionvar is None:
            continue
        values = _varequal_values(conditionvar)
        if values:
            return values
    return []


@dataclass
class _ParsedQuestion:
    type: str
    text: str
    points: Decimal
    options: list[tuple[str, bool]] = field(default_factory=list)
    correct_boolean: bool | None = None
    accepted: list[str] = field(default_factory=list)
    explanation: str = ""


def _qti_question(item) -> _ParsedQuestion | str:
    """A question from a QTI item, or why it was skipped."""
    metadata = _child(item, "itemmetadata")
    fields = _meta_fields(item if metadata is None else metadata)
    profile = fields.get("cc_profile", "").lower()
    presentation = _child(item, "presentation")
    if presentation is None:
        return _("it has no presentation")
    text = _mattext(presentation)
    if not text:
        return _("it has no question text")
    try:
        points = Decimal(fields.get("cc_weighting") or "1")
    except InvalidOperation:
        points = Decimal(1)
    if points <= 0 or points >= Decimal("10000"):
        points = Decimal(1)
    feedback = [
        _mattext(each)
        for each in _children(item, "itemfeedback")
        if (each.get("ident") or "").lower().startswith("general")
    ]
    explanation = next((each for each in feedback if each), "")
    correct = _correct_values(item)
    lid = next(iter(_descendants(presentation, "response_lid")), None)
    string = next(iter(_descendants(presentation, "response_str")), None)

    if lid is not None and profile in (
        "",
        "cc.multiple_choice.v0p1",
        "cc.multiple_response.v0p1",
        "cc.true_false.v0p1",
    ):
        labels = [
            (label.get("ident") or "", _mattext(label))
            for label in _descendants(lid, "response_label")
        ]
        labels = [(ident, text_) for ident, text_ in labels if text_]
        if not labels or not correct:
            return _("its options or its answer are missing")
        multiple = profile == "cc.multiple_response.v0p1" or (
            not profile and (lid.get("rcardinality") or "").lower() == "multiple"
        )
        if profile == "cc.true_false.v0p1":
            chosen = next((t for i, t in labels if i == correct[0]), "")
            truth = chosen.strip().lower() in TRUE_WORDS or correct[0].lower() == "true"
            return _ParsedQuestion(
                type=QuestionType.TRUE_FALSE,
                text=text,
                points=points,
                correct_boolean=truth,
                explanation=explanation,
            )
        options = [(text_[:500], ident in correct) for ident, text_ in labels]
        if not any(right for _t, right in options):
            return _("its answer is not one of its options")
        return _ParsedQuestion(
            type=QuestionType.MULTIPLE if multiple else QuestionType.SINGLE,
            text=text,
            points=points,
            options=options,
            explanation=explanation,
        )
    if string is not None and profile in ("", "cc.fib.v0p1"):
        accepted = [answer for answer in correct if answer.strip()]
        if not accepted:
            return _("it has no accepted answer")
        return _ParsedQuestion(
            type=QuestionType.SHORT_TEXT,
            text=text,
            points=points,
            accepted=accepted,
            explanation=explanation,
        )
    return _("its type (%(profile)s) is not supported") % {
        "profile": profile or _("unknown")
    }


# --- the import ------------------------------------------------------------------


class _Importer:
    def __init__(self, archive: _Archive, *, index: CourseIndexPage, user) -> None:
        self.archive = archive
        self.index = index
        self.user = user
        self.report = CartridgeImport()
        self.stored_files: list = []
        self.images: dict[str, object] = {}
        self.documents: dict[str, object] = {}
        self.lesson_pages: dict[str, LessonPage] = {}
        self.lesson_targets: set[str] = set()
        self.forward_paths: list[str] = []
        self.skipped_files: set[str] = set()

    # files
    def _allowed(self, path: str) -> bool:
        if _ext(path) in ALLOWED_TYPES:
            return True
        if path not in self.skipped_files:
            self.skipped_files.add(path)
            self.report.skipped.append(
                _("%(path)s: this type of file is not accepted.") % {"path": path}
            )
        return False

    def image(self, path: str, alt: str):
        if path in self.images:
            return self.images[path]
        image = None
        if self.archive.has(path) and self._allowed(path) and _ext(path) in IMAGE_TYPES:
            data = self.archive.read(path)
            if self._image_ok(data):
                image = get_image_model()(
                    title=(alt or posixpath.basename(path))[:255],
                    file=ContentFile(data, name=posixpath.basename(path)),
                )
                image.save()
                self.stored_files.append(image.file)
                self.report.images += 1
            else:
                self.report.skipped.append(
                    _("%(path)s: not a readable image.") % {"path": path}
                )
        self.images[path] = image
        return image

    @staticmethod
    def _image_ok(data: bytes) -> bool:
        from PIL import Image as PILImage

        try:
            with PILImage.open(io.BytesIO(data)) as picture:
                width, height = picture.size
                picture.verify()
        except Exception:  # noqa: BLE001 - Pillow raises many kinds for bad files
            return False
        return 0 < width * height <= MAX_IMAGE_PIXELS

    def document(self, path: str, title: str = ""):
        if path in self.documents:
            return self.documents[path]
        document = None
        if (
            self.archive.has(path)
            and self._allowed(path)
            and _ext(path) in DOCUMENT_TYPES
        ):
            document = get_document_model()(
                title=(title or posixpath.basename(path))[:255],
                file=ContentFile(
                    self.archive.read(path), name=posixpath.basename(path)
                ),
            )
            document.save()
            self.stored_files.append(document.file)
            self.report.documents += 1
        self.documents[path] = document
        return document

    # pages
    def _add(self, parent, page):
        base = slugify(page.title, allow_unicode=True)[:40] or "page"
        taken = set(parent.get_children().values_list("slug", flat=True))
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        page.slug = slug
        page.live = False
        page.has_unpublished_changes = True
        parent.add_child(instance=page)
        page.save_revision(user=self.user, log_action=True)
        return page

    def run(self) -> CartridgeImport:
        manifest = _xml(self.archive, MANIFEST)
        if _local(manifest.tag) != "manifest":
            raise CartridgeError(_("imsmanifest.xml is not a package manifest."))
        meta = _course_metadata(manifest)
        resources = _resources(manifest)
        title = (meta["title"] or _("Imported course"))[:255]
        modules = _modules(manifest, title)
        if sum(len(items) + 1 for _t, items in modules) > MAX_ITEMS:
            raise CartridgeError(
                _("The package has more than %(n)d items.") % {"n": MAX_ITEMS}
            )
        if not any(items for _t, items in modules):
            raise CartridgeError(
                _("The package's organization has no items to import.")
            )
        language = meta["language"].lower()[:2]
        licence = next(
            (
                code
                for code, text in LICENCE_TEXT.items()
                if code != "all_rights_reserved" and meta["rights"].startswith(text)
            ),
            "all_rights_reserved",
        )
        course = self._add(
            self.index,
            CoursePage(
                title=title,
                summary=(meta["description"] or title)[:500],
                learning_mode="informal",
                delivery="online",
                course_language="en" if language == "en" else "ko",
                licence=licence,
            ),
        )
        self.report.course = course
        self.lesson_targets = {
            _lesson_target(resource)
            for _title, items in modules
            for item in items
            if (resource := resources.get(item.get("identifierref"))) is not None
        } - {None}
        pending: list[tuple[LessonPage, list[dict]]] = []
        for module_title, items in modules:
            module = self._add(course, CourseModulePage(title=module_title[:255]))
            self.report.modules += 1
            for item in items:
                self._item(course, module, item, resources, pending)
        # a link to a lesson made after the one linking to it is resolved last
        for lesson, blocks in pending:
            for block in blocks:
                if block["type"] == "paragraph":
                    block["value"] = _FORWARD.sub(self._forward_link, block["value"])
            lesson.body = json.dumps(blocks)
            lesson.save()
            lesson.save_revision(user=self.user)
        return self.report

    def _forward_link(self, match) -> str:
        page = self.lesson_pages.get(self.forward_paths[int(match.group(1))])
        return f'<a linktype="page" id="{page.pk}">' if page is not None else "<a>"

    def _item(self, course, module, item, resources, pending) -> None:
        title = (_item_title(item) or _("Untitled"))[:255]
        resource = resources.get(item.get("identifierref"))
        if resource is None:
            self.report.skipped.append(
                _("%(title)s: its resource is missing from the manifest.")
                % {"title": title}
            )
            return
        kind = resource.type
        if kind == "webcontent":
            target = resource.href or next(iter(resource.files), None)
            if target and _ext(target) in ("html", "htm") and self.archive.has(target):
                forward = len(self.forward_paths)
                blocks = self._body(resource)
                lesson = self._add(
                    module, LessonPage(title=title, body=json.dumps(blocks))
                )
                self.lesson_pages[target] = lesson
                if len(self.forward_paths) > forward:
                    pending.append((lesson, blocks))
                self.report.lessons += 1
            elif target and self.archive.has(target) and self.document(target, title):
                body = [
                    {"type": "paragraph", "value": f'<p><a linktype="document" '
                     f'id="{self.documents[target].pk}">{escape(title)}</a></p>'}
                ]  # fmt: skip
                self._add(module, LessonPage(title=title, body=json.dumps(body)))
                self.report.lessons += 1
            else:
                self.report.skipped.append(
                    _("%(title)s: its file is missing or not accepted.")
                    % {"title": title}
                )
        elif kind.startswith("imsqti_xmlv1p2") or "assessment" in kind:
            self._quiz(course, module, title, resource)
        elif kind.startswith("imswl_xmlv1p"):
            self._web_link(module, title, resource)
        elif kind.startswith("imsbasiclti"):
            self.report.skipped.append(
                _("%(title)s: LTI links are not imported.") % {"title": title}
            )
        elif kind.startswith("imsdt_xmlv1p"):
            self.report.skipped.append(
                _("%(title)s: discussion topics are not imported.") % {"title": title}
            )
        else:
            self.report.skipped.append(
                _("%(title)s: resources of type %(type)s are not imported.")
                % {"title": title, "type": kind[:80]}
            )

    def _resource_xml(self, resource: _Resource):
        path = next(
            (
                p
                for p in [resource.href, *resource.files]
                if p and _ext(p) in ("xml", "qti")
            ),
            None,
        )
        if path is None or not self.archive.has(path):
            return None
        return _xml(self.archive, path)

    def _web_link(self, module, title, resource) -> None:
        root = self._resource_xml(resource)
        url_el = (
            next(iter(_descendants(root, "url")), None) if root is not None else None
        )
        href = (url_el.get("href") or "") if url_el is not None else ""
        if urlsplit(href).scheme not in ("http", "https"):
            self.report.skipped.append(
                _("%(title)s: the web link has no http(s) address.") % {"title": title}
            )
            return
        body = [
            {
                "type": "link",
                "value": {"title": title[:200], "url": href, "description": ""},
            }
        ]
        self._add(module, LessonPage(title=title, body=json.dumps(body)))
        self.report.lessons += 1

    def _quiz(self, course, module, title, resource) -> None:
        root = self._resource_xml(resource)
        assessment = (
            next(iter(_descendants(root, "assessment")), None)
            if root is not None
            else None
        )
        if assessment is None:
            self.report.skipped.append(
                _("%(title)s: the assessment file is missing.") % {"title": title}
            )
            return
        fields = _meta_fields(
            next(iter(_children(assessment, "qtimetadata")), assessment)
        )
        attempts = fields.get("cc_maxattempts", "1")
        try:
            limit = int(fields.get("qmd_timelimit") or 0) or None
        except ValueError:
            limit = None
        quiz = self._add(
            module,
            QuizPage(
                title=title,
                grade_category="quiz",
                attempts_allowed=0
                if attempts.lower() == "unlimited"
                else min(int(attempts) if attempts.isdigit() else 1, 100),
                time_limit_minutes=min(limit, 1000) if limit else None,
            ),
        )
        self.report.quizzes += 1
        order = 0
        items = _descendants(assessment, "item")
        if len(items) > MAX_QUESTIONS:
            raise CartridgeError(
                _("%(quiz)s has more than %(n)d questions.")
                % {"quiz": title, "n": MAX_QUESTIONS}
            )
        for item in items:
            parsed = _qti_question(item)
            if isinstance(parsed, str):
                self.report.skipped.append(
                    _("%(quiz)s: question “%(question)s” was skipped: %(why)s.")
                    % {
                        "quiz": title,
                        "question": (item.get("title") or item.get("ident") or "?")[
                            :60
                        ],
                        "why": parsed,
                    }
                )
                continue
            question = Question.objects.create(
                course=course,
                type=parsed.type,
                text=parsed.text,
                points=parsed.points,
                correct_boolean=parsed.correct_boolean,
                accepted_answers="\n".join(parsed.accepted),
                explanation=parsed.explanation,
            )
            QuestionOption.objects.bulk_create(
                QuestionOption(
                    question=question, text=text, is_correct=right, sort_order=n
                )
                for n, (text, right) in enumerate(parsed.options)
            )
            QuizPageQuestion.objects.create(
                page=quiz, question=question, sort_order=order
            )
            order += 1
            self.report.questions += 1
        quiz.save_revision(user=self.user)

    def _body(self, resource: _Resource) -> list[dict]:
        target = resource.href or resource.files[0]
        base = posixpath.dirname(target)

        def link_for(href: str) -> str:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                return f'href="{escape(href)}"'
            if parts.scheme:
                return ""
            path = _resolve(base, href)
            if path is None:
                return ""
            if path in self.lesson_pages:
                return f'linktype="page" id="{self.lesson_pages[path].pk}"'
            if path in self.lesson_targets:
                self.forward_paths.append(path)
                return (
                    f'linktype="page" id="{FORWARD_MARK}{len(self.forward_paths) - 1}"'
                )
            if self.archive.has(path):
                document = self.document(path)
                if document is not None:
                    return f'linktype="document" id="{document.pk}"'
            return ""

        def image_for(src: str, alt: str):
            path = _resolve(base, src)
            image = self.image(path, alt) if path else None
            if image is None:
                return None
            return {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": alt[:255],
                    "decorative": not alt,
                },
            }

        html = nh3.clean(
            _html_body(self.archive.read(target)),
            tags=HTML_TAGS,
            attributes=HTML_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel=None,
        )
        builder = _BodyBuilder(link_for=link_for, image_for=image_for)
        builder.feed(html)
        blocks = builder.result()
        return blocks or _PLACEHOLDER


_PLACEHOLDER = [{"type": "paragraph", "value": "<p></p>"}]
FORWARD_MARK = "cc-forward-"
_FORWARD = re.compile(rf'<a linktype="page" id="{FORWARD_MARK}(\d+)">')


def _lesson_target(resource: _Resource) -> str | None:
    """The HTML file a web content resource becomes a lesson of, if any."""
    if resource.type != "webcontent":
        return None
    target = resource.href or next(iter(resource.files), None)
    return target if target and _ext(target) in ("html", "htm") else None


def cartridge_import(*, upload, index: CourseIndexPage, user) -> CartridgeImport:
    """A draft course under the catalog `index` from a Common Cartridge package.

    Raises CartridgeError (nothing written, no file left) when the package is
    refused; otherwise returns what was made and what was skipped.
    """
    archive = _Archive(upload)
    importer = _Importer(archive, index=index, user=user)
    try:
        with transaction.atomic():
            return importer.run()
    except BaseException:
        for stored in importer.stored_files:
            try:
                stored.storage.delete(stored.name)
            except OSError:
                pass
        raise
