"""The package being imported: checked before anything is read (size, paths,
ratios, DTDs and entities), then read member by member."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...errors import CartridgeError
from .names import MANIFEST

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
