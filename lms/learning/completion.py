"""Completion requirements: a small registry that other apps plug into.

A requirement looks at an enrolment and says whether it is met, and why not.
Learning registers its own (required lessons, assessments passed, a minimum
grade); lecture scheduling, which sits above learning, registers attendance
in its `AppConfig.ready()`. A requirement that does not apply to a run (the
run does not ask for it) answers None and is left out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class RequirementResult:
    """One requirement of a run's completion rules, for one enrolment. `done`
    and `total` count what it is made of (lessons, assessments) when it counts
    things; progress adds them up."""

    key: str
    label: str
    met: bool
    detail: str = ""
    done: int | None = None
    total: int | None = None


Requirement = Callable[..., RequirementResult | None]

_requirements: dict[str, Requirement] = {}


def completion_requirement_register(key: str, requirement: Requirement) -> None:
    """`requirement(enrollment=, context=)` returns a RequirementResult or None."""
    _requirements[key] = requirement


def completion_requirement_unregister(key: str) -> None:
    _requirements.pop(key, None)


def completion_requirements() -> dict[str, Requirement]:
    return dict(_requirements)


# Learning's own requirements. `context` carries what evaluating needs once:
# {"progress": CourseProgress, "gradebook_row": GradeRow, "items": [GradeItem]}


def lessons_done(*, enrollment, context) -> RequirementResult | None:
    if not enrollment.run.completion_requires_lessons:
        return None
    progress = context["progress"]
    return RequirementResult(
        "lessons",
        _("Required lessons done"),
        progress.required_done >= progress.required_total,
        _("%(done)d of %(total)d")
        % {"done": progress.required_done, "total": progress.required_total},
        done=progress.required_done,
        total=progress.required_total,
    )


def assessments_passed(*, enrollment, context) -> RequirementResult | None:
    if not enrollment.run.completion_requires_assessments:
        return None
    required = [item for item in context["items"] if item.is_required]
    row = context["gradebook_row"]
    passed = [item for item in required if row.passed(item)]
    return RequirementResult(
        "assessments",
        _("Required assessments passed"),
        len(passed) == len(required),
        _("%(done)d of %(total)d") % {"done": len(passed), "total": len(required)},
        done=len(passed),
        total=len(required),
    )


def minimum_grade(*, enrollment, context) -> RequirementResult | None:
    minimum = enrollment.run.completion_min_grade
    if minimum is None:
        return None
    total = context["gradebook_row"].total
    return RequirementResult(
        "grade",
        _("Final grade of at least %(minimum)d%%") % {"minimum": minimum},
        total is not None and total >= minimum,
        f"{total}%" if total is not None else _("not graded yet"),
    )


completion_requirement_register("lessons", lessons_done)
completion_requirement_register("assessments", assessments_passed)
completion_requirement_register("grade", minimum_grade)


# What follows a completion, told on the learner's dashboard: apps above learning
# (certificates) say, for completed enrolments, what is still to come.
CompletionNotes = Callable[..., dict[int, str]]

_completion_notes: dict[str, CompletionNotes] = {}


def completion_notes_register(key: str, provider: CompletionNotes) -> None:
    """`provider(enrollments=[...])` returns {enrollment id: note} for the
    completed enrolments it has something to say about, in a fixed number of
    queries."""
    _completion_notes[key] = provider


def completion_notes(*, enrollments) -> dict[int, str]:
    enrollments = [e for e in enrollments if e.status == "completed"]
    notes: dict[int, str] = {}
    if enrollments:
        for provider in _completion_notes.values():
            notes.update(provider(enrollments=enrollments))
    return notes
