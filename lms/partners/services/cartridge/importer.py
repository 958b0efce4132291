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
links become lessons with a link, assignments (the CC assignment extension)
become assignments, and discussion topics lessons of their prompt
(`resources_import.py`). All pages are drafts (not live). Files of types
outside the allow-list, LTI links and questions of other types are skipped
and listed in the report. If anything fails, the rows roll
back and the files already stored are deleted.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

import nh3
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses.models import (
    CourseIndexPage,
    CourseModulePage,
    CoursePage,
    LessonPage,
)

from ...errors import CartridgeError
from .archive import (
    ALLOWED_TYPES,
    DOCUMENT_TYPES,
    HTML_ATTRIBUTES,
    HTML_TAGS,
    IMAGE_TYPES,
    MAX_IMAGE_PIXELS,
    MAX_ITEMS,
    _Archive,
    _ext,
    _local,
    _xml,
)
from .html_import import _BodyBuilder, _html_body
from .names import LICENCE_TEXT, MANIFEST
from .reader import (
    _course_metadata,
    _item_title,
    _modules,
    _resolve,
    _Resource,
    _resources,
)
from .resources_import import _ResourceImports


@dataclass
class CartridgeImport:
    """What an import made, and what it left out and why."""

    course: CoursePage | None = None
    modules: int = 0
    lessons: int = 0
    quizzes: int = 0
    questions: int = 0
    assignments: int = 0
    discussions: int = 0
    images: int = 0
    documents: int = 0
    skipped: list[str] = field(default_factory=list)


# --- the import ------------------------------------------------------------------


class _Importer(_ResourceImports):
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
        pending: list[tuple[object, str, list[dict]]] = []
        for module_title, items in modules:
            module = self._add(course, CourseModulePage(title=module_title[:255]))
            self.report.modules += 1
            for item in items:
                self._item(course, module, item, resources, pending)
        # a link to a lesson made after the one linking to it is resolved last
        for page, field_name, blocks in pending:
            for block in blocks:
                if block["type"] == "paragraph":
                    block["value"] = _FORWARD.sub(self._forward_link, block["value"])
            setattr(page, field_name, json.dumps(blocks))
            page.save()
            page.save_revision(user=self.user)
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
                    pending.append((lesson, "body", blocks))
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
        elif kind.startswith("assignment_xmlv1p"):
            self._assignment(module, title, resource, pending)
        elif kind.startswith("imsqti_xmlv1p2") or "assessment" in kind:
            self._quiz(course, module, title, resource)
        elif kind.startswith("imswl_xmlv1p"):
            self._web_link(module, title, resource)
        elif kind.startswith("imsbasiclti"):
            self.report.skipped.append(
                _("%(title)s: LTI links are not imported.") % {"title": title}
            )
        elif kind.startswith("imsdt_xmlv1p"):
            self._discussion(module, title, resource, pending)
        else:
            self.report.skipped.append(
                _("%(title)s: resources of type %(type)s are not imported.")
                % {"title": title, "type": kind[:80]}
            )

    def _body(self, resource: _Resource) -> list[dict]:
        target = resource.href or resource.files[0]
        return self._blocks(
            _html_body(self.archive.read(target)), base=posixpath.dirname(target)
        )

    def _blocks(self, html: str, *, base: str) -> list[dict]:
        """Lesson blocks of `html` (sanitised), its links and images resolved
        from the folder `base` of the package."""

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
            html,
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
