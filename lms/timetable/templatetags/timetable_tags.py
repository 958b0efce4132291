"""The week grid's cells, rendered in Python.

A week of 60 rooms is 420 cells with some 900 meetings and as many free
slots; the template engine's loops and lookups cost as much as the data. Every
dynamic text here goes through `escape`.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _meeting(meeting, *, show_room: bool, conflict_label: str) -> str:
    classes = ["tt-meeting"]
    if meeting.conflict:
        classes.append("is-conflict")
    if meeting.issues:
        classes.append("has-issue")
    if not meeting.occurrence.run_id:
        classes.append("is-event")
    parts = [
        f'<li class="{" ".join(classes)}"><a href="{escape(meeting.url)}">'
        f'<span class="tt-time">{escape(meeting.time_text)}</span> '
        f"{escape(meeting.occurrence.session.title)}</a>"
    ]
    if show_room:
        parts.append(f'<span class="meta">{escape(meeting.occurrence.room)}</span>')
    if meeting.conflict:
        parts.append(f'<strong class="tt-flag">{escape(conflict_label)}</strong>')
    parts.extend(
        f'<span class="tt-flag tt-flag-issue">{escape(issue)}</span>'
        for issue in meeting.issues
    )
    parts.append("</li>")
    return "".join(parts)


@register.simple_tag
def week_cell(cell, show_room=False):
    """One `<td>` of the week grid: blackout, meetings, free slots as links."""
    free_label = escape(_("Free"))
    conflict_label = _("Conflict")
    html = [f'<td data-day="{escape(cell.label)}"']
    if cell.blackout:
        html.append(' class="is-blackout">')
        html.append(f'<p class="tt-blackout">{escape(cell.blackout.display_name)}</p>')
    else:
        html.append(">")
    if cell.meetings:
        html.append('<ul class="tt-meetings">')
        html.extend(
            _meeting(m, show_room=bool(show_room), conflict_label=conflict_label)
            for m in cell.meetings
        )
        html.append("</ul>")
    if cell.free:
        html.append(f'<ul class="tt-free" aria-label="{free_label}">')
        html.extend(
            f'<li><a href="{escape(slot.url)}"><span class="visually-hidden">'
            f"{free_label} </span>{escape(slot.text)}</a></li>"
            for slot in cell.free
        )
        html.append("</ul>")
    html.append("</td>")
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703 - every value above is escaped
