"""Reading an imported package's manifest: resources, metadata and the
organization's modules and items."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .archive import CC_FILEBASE, _child, _children, _descendants, _text

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
