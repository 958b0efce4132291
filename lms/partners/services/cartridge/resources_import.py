"""How each kind of imported resource becomes pages: web links, QTI
assessments, assignments (the CC assignment extension) and discussion topics
(lessons of their prompt: Campus keeps discussions in each run's forum).
Mixed into the importer, whose files, pages and report they use."""

from __future__ import annotations

import json
import posixpath
from decimal import Decimal, InvalidOperation
from html import escape
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from courses.models import (
    AssignmentPage,
    GradeCategory,
    LessonPage,
    Question,
    QuestionOption,
    QuizPage,
    QuizPageQuestion,
    SubmissionType,
)

from ...errors import CartridgeError
from .archive import (
    MAX_QUESTIONS,
    _child,
    _children,
    _descendants,
    _ext,
    _local,
    _text,
    _xml,
)
from .qti_import import _meta_fields, _qti_question
from .reader import (
    _Resource,
)


def _text_html(element) -> str:
    """The HTML of a CC `<text texttype="…">` element (plain text escaped)."""
    if element is None:
        return ""
    text = element.text or ""
    if (element.get("texttype") or "text/plain").lower() == "text/html":
        return text
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line)


def _submission_type(formats: set[str]) -> str:
    takes_text = bool(formats & {"text", "html", "url"})
    takes_file = "file" in formats
    if takes_file and not takes_text:
        return SubmissionType.FILE
    if takes_text and not takes_file:
        return SubmissionType.TEXT
    return SubmissionType.TEXT_AND_FILE


def _points_possible(element) -> Decimal:
    try:
        points = Decimal((element.get("points_possible") or "").strip())
    except (InvalidOperation, AttributeError):
        return Decimal(100)
    return points if 0 < points < 10000 else Decimal(100)


class _ResourceImports:
    def _resource_xml_path(self, resource: _Resource) -> str | None:
        path = next(
            (
                p
                for p in [resource.href, *resource.files]
                if p and _ext(p) in ("xml", "qti")
            ),
            None,
        )
        return path if path is not None and self.archive.has(path) else None

    def _resource_xml(self, resource: _Resource):
        path = self._resource_xml_path(resource)
        return _xml(self.archive, path) if path is not None else None

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

    def _assignment(self, module, title, resource, pending) -> None:
        path = self._resource_xml_path(resource)
        root = _xml(self.archive, path) if path is not None else None
        if root is None or _local(root.tag) != "assignment":
            self.report.skipped.append(
                _("%(title)s: the assignment file is missing.") % {"title": title}
            )
            return
        forward = len(self.forward_paths)
        blocks = self._blocks(
            _text_html(_child(root, "text")), base=posixpath.dirname(path)
        )
        gradable = _child(root, "gradable")
        page = self._add(
            module,
            AssignmentPage(
                title=title,
                instructions=json.dumps(blocks),
                grade_category=GradeCategory.ASSIGNMENT,
                max_points=_points_possible(gradable)
                if gradable is not None
                else Decimal(100),
                is_required=gradable is not None and _text(gradable).lower() != "false",
                submission_type=_submission_type(
                    {
                        (f.get("type") or "").lower()
                        for f in _descendants(root, "format")
                    }
                ),
            ),
        )
        if len(self.forward_paths) > forward:
            pending.append((page, "instructions", blocks))
        self.report.assignments += 1

    def _discussion(self, module, title, resource, pending) -> None:
        path = self._resource_xml_path(resource)
        root = _xml(self.archive, path) if path is not None else None
        if root is None or _local(root.tag) != "topic":
            self.report.skipped.append(
                _("%(title)s: the discussion topic file is missing.") % {"title": title}
            )
            return
        forward = len(self.forward_paths)
        blocks = self._blocks(
            _text_html(_child(root, "text")), base=posixpath.dirname(path)
        )
        page = self._add(module, LessonPage(title=title, body=json.dumps(blocks)))
        if len(self.forward_paths) > forward:
            pending.append((page, "body", blocks))
        self.report.discussions += 1
        self.report.skipped.append(
            _(
                "%(title)s: a discussion topic became a lesson of its prompt; "
                "discussions take place in each run's forum."
            )
            % {"title": title}
        )
