"""Quizzes as QTI 1.2 assessments of the Common Cartridge profile."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from courses.models import (
    QuestionType,
    QuizPage,
    QuizPageQuestion,
)

from .names import (
    NS_QTI,
    NS_XSI,
    PROFILE_FIB,
    PROFILE_MULTIPLE,
    PROFILE_SINGLE,
    PROFILE_TRUE_FALSE,
    SCHEMA_LOCATIONS,
    _q,
    _root,
    _sub,
    _xml_bytes,
)


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
