"""Template filters for the pages that show lodging (see `lodging.pages`)."""

from django import template

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
