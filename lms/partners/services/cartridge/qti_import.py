"""Imported QTI items into questions of the course's bank."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html import unescape

import nh3
from django.utils.translation import gettext as _

from courses.models import (
    QuestionType,
)

from .archive import _child, _children, _descendants, _local, _text

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
