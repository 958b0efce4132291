"""The package being exported: its files and resources, and lessons written as
HTML with their images and attachments bundled beside them."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import escape

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

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
