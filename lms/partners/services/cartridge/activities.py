"""Assignments and discussion topics as Common Cartridge 1.3 resources.

An assignment is the CC assignment extension (`assignment_xmlv1p0`): its
instructions as HTML, the rubric as the instructor's text, its points and
the kinds of submission it takes. A discussion topic (`imsdt_xmlv1p3`) is a
course team's prompt: the title and opening message of a pinned discussion
thread in the forum of one of the course's runs; never a reply, nor who
wrote it.
"""

from __future__ import annotations

from html import escape

from courses.models import AssignmentPage, SubmissionType

from .names import (
    NS_ASSIGNMENT,
    NS_DT,
    NS_XSI,
    SCHEMA_LOCATIONS,
    _q,
    _root,
    _sub,
    _xml_bytes,
)

SUBMISSION_FORMATS = {
    SubmissionType.TEXT: ("text",),
    SubmissionType.FILE: ("file",),
    SubmissionType.TEXT_AND_FILE: ("text", "file"),
}


def _points(value) -> str:
    return format(value.normalize(), "f")


def _rubric_html(page: AssignmentPage) -> str:
    rows = []
    for block in page.rubric:
        levels = "".join(
            f"<li>{escape(level['label'])}: {_points(level['points'])}</li>"
            if level.get("label")
            else f"<li>{_points(level['points'])}</li>"
            for level in block.value["levels"]
        )
        rows.append(f"<li>{escape(block.value['criterion'])}<ul>{levels}</ul></li>")
    return f"<ul>{''.join(rows)}</ul>" if rows else ""


def assignment_xml(*, page: AssignmentPage, identifier: str, html: str) -> bytes:
    """The assignment as `<assignment>` of the CC assignment extension."""
    root = _root(NS_ASSIGNMENT, "assignment", identifier=identifier)
    root.set(
        _q(NS_XSI, "schemaLocation"),
        f"{NS_ASSIGNMENT} {SCHEMA_LOCATIONS[NS_ASSIGNMENT]}",
    )
    _sub(root, NS_ASSIGNMENT, "title", page.title)
    _sub(root, NS_ASSIGNMENT, "text", html, texttype="text/html")
    _sub(
        root, NS_ASSIGNMENT, "instructor_text", _rubric_html(page), texttype="text/html"
    )
    _sub(
        root,
        NS_ASSIGNMENT,
        "gradable",
        "true",
        points_possible=_points(page.max_points),
    )
    formats = _sub(root, NS_ASSIGNMENT, "submission_formats")
    for kind in SUBMISSION_FORMATS.get(page.submission_type, ("text", "file")):
        _sub(formats, NS_ASSIGNMENT, "format", type=kind)
    return _xml_bytes(root)


def discussion_xml(*, title: str, html: str) -> bytes:
    """A discussion topic (`<topic>` of imsdt 1.3)."""
    root = _root(NS_DT, "topic")
    root.set(_q(NS_XSI, "schemaLocation"), f"{NS_DT} {SCHEMA_LOCATIONS[NS_DT]}")
    _sub(root, NS_DT, "title", title)
    _sub(root, NS_DT, "text", html, texttype="text/html")
    return _xml_bytes(root)
