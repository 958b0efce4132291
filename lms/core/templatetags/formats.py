from django import template

from lms.core.formats import date_range_display, number_display

register = template.Library()


@register.simple_tag
def date_range(start, end):
    """`{% date_range run.starts_on run.ends_on %}`: 2027년 1월 13일 – 2월 24일."""
    return date_range_display(start, end)


@register.filter
def number(value):
    """`{{ tolerance|number }}`: 0.5000 → 0.5."""
    return number_display(value)
