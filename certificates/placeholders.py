"""Placeholders in a template's body text: `{learner_name}`, `{course}`, ...

Only the names below are replaced, and only by plain substitution: the text
is the staff's, but it never reaches `str.format`, so a brace in it cannot
reach an attribute or an index. Unknown names are refused when the template
is saved; `{{` and `}}` write a literal brace.
"""

import re

from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = {
    "learner_name": _("the learner's name"),
    "course": _("the course title"),
    "hours": _("credit hours"),
    "start_date": _("the first day of the course run"),
    "end_date": _("the last day of the course run"),
    "completion_date": _("the day the learner completed"),
    "grade": _("the final grade (%)"),
    "run": _("the course run, e.g. cohort 2"),
    "issuer": _("the issuing institution"),
}

_PATTERN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def placeholders_unknown(text: str) -> list[str]:
    """The placeholder names in `text` that are not in PLACEHOLDERS."""
    return sorted(
        {
            match.group(1)
            for match in _PATTERN.finditer(text or "")
            if match.group(1) and match.group(1) not in PLACEHOLDERS
        }
    )


def placeholders_fill(text: str, values: dict[str, str]) -> str:
    """Replace each known placeholder with its value ('' when missing)."""

    def replace(match: re.Match) -> str:
        matched = match.group(0)
        if matched == "{{":
            return "{"
        if matched == "}}":
            return "}"
        name = match.group(1)
        if name in PLACEHOLDERS:
            return values.get(name, "")
        return matched

    return _PATTERN.sub(replace, text or "")
