"""Template filters for the pages that show lodging (see `lodging.pages`)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def lodging_for(lodging, run):
    """`{{ lodging|lodging_for:run }}`: the run's Availability, or None."""
    if lodging is None or run is None or not getattr(run, "is_residential", False):
        return None
    return lodging.for_run(run)


@register.filter
def stay_for(lodging, enrollment):
    """`{{ lodging|stay_for:enrollment }}`: the enrolment's live stay, or None."""
    if lodging is None or enrollment is None:
        return None
    return lodging.stay_for(enrollment)


@register.simple_tag
def occupancy_cells(row, labels):
    """The <td>s of one room's row of the occupancy calendar.

    Built here rather than in a template loop: 100 rooms × 31 nights is 3,100
    cells, and a template loop (or format_html) per cell was most of the page's
    time. What goes in is safe by construction: the status is one of a closed
    set of identifiers, the counts are integers, and the labels were escaped
    once in `occupancy_labels`. Each cell says its status in words for screen
    readers, as its colour and line style say it to the eye.
    """
    parts = []
    for cell in row.cells:
        status = cell.status
        if status == "free":
            parts.append(f'<td class="occ-free">0/{int(cell.beds)}</td>')
            continue
        text = (
            "×"
            if status == "out_of_service"
            else f"{int(cell.occupied)}/{int(cell.beds)}"
        )
        parts.append(
            f'<td class="occ-{status}">{text}'
            f'<span class="visually-hidden"> {labels[status]}</span></td>'
        )
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703 - see the docstring


@register.simple_tag
def occupancy_labels(statuses):
    """{status: escaped label} for `occupancy_cells`, from the legend's pairs."""
    return {key: escape(str(label)) for key, label in statuses}
