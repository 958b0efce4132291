"""Checks that rendered HTML cannot run script, shared by the XSS tests."""

import re

import lxml.html

from lms.community.markup import ALLOWED_TAGS

SAFE_SCHEMES = ("http", "https", "mailto")


def _scheme(url: str) -> str:
    # what a browser would see: control characters and spaces are ignored
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else ""


def scripting_problems(document) -> list[str]:
    """Script elements, event-handler attributes, style attributes and links
    whose scheme could run code, anywhere in `document`.
    """
    problems = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "iframe", "object", "embed", "base", "meta"):
            if element.tag == "meta" and element.get("http-equiv") is None:
                continue
            own_file = (element.get("src") or "").startswith("/static/")
            if (
                element.tag == "script"
                and own_file
                and not (element.text or "").strip()
            ):
                continue  # the site's own script files (the CSP allows only these)
            problems.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{element.tag}[{name}]")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data"):
                scheme = _scheme(value)
                if scheme and scheme not in SAFE_SCHEMES:
                    problems.append(f"{element.tag}[{name}={value!r}]")
    return problems


def message_problems(fragment_html: str) -> list[str]:
    """For a sanitised message: anything but the allow-listed tags, any style."""
    wrapper = lxml.html.fragment_fromstring(
        fragment_html or "<p></p>", create_parent="div"
    )
    return element_problems(wrapper)


def element_problems(wrapper) -> list[str]:
    """`message_problems` for the contents of an element of a parsed page."""
    problems = scripting_problems(wrapper)
    for element in wrapper.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in ALLOWED_TAGS:
            problems.append(f"<{element.tag}> not allowed")
        if "style" in element.attrib:
            problems.append(f"{element.tag}[style]")
    return problems
