"""Chart tags: `{% bar_chart rows title=... %}` draws an SVG and its table.

`rows` are (label, value[, value…]) tuples, or objects or dicts read through
`label=` (a key, "label" by default) and `value=` (a key, or several separated
by commas for grouped bars; "value" by default). `series=` names the values:
a list, or a comma-separated string.
"""

from django import template

from .. import charts

register = template.Library()

TEMPLATE = "core/charts/chart.html"


def _keys(value) -> list[str]:
    if isinstance(value, str):
        return [key.strip() for key in value.split(",") if key.strip()]
    return [str(key) for key in value]


def _read(item, key: str):
    if isinstance(item, dict):
        return item.get(key)
    return getattr(item, key, None)


def chart_rows(data, *, label: str = "label", value="value") -> list[tuple]:
    """`data` as (label, value…) tuples, whatever shape it came in."""
    keys = _keys(value)
    rows = []
    for item in data or ():
        if isinstance(item, list | tuple):
            rows.append(tuple(item))
        else:
            rows.append((_read(item, label), *(_read(item, key) for key in keys)))
    return rows


def _series(series):
    if series is None or series == "":
        return None
    return _keys(series) if isinstance(series, str) else [str(s) for s in series]


@register.inclusion_tag(TEMPLATE)
def bar_chart(data, title, label="label", value="value", series=None, **options):
    """Vertical bars; options: description, label_header, value_header, unit…"""
    return {
        "chart": charts.bar_chart(
            chart_rows(data, label=label, value=value),
            title=str(title),
            series=_series(series),
            **options,
        )
    }


@register.inclusion_tag(TEMPLATE)
def horizontal_bar_chart(
    data, title, label="label", value="value", series=None, **options
):
    """Horizontal bars, for long labels and many categories."""
    return {
        "chart": charts.horizontal_bar_chart(
            chart_rows(data, label=label, value=value),
            title=str(title),
            series=_series(series),
            **options,
        )
    }


@register.inclusion_tag(TEMPLATE)
def funnel_chart(data, title, label="label", value="value", **options):
    """A funnel of steps, each with its share of the first."""
    return {
        "chart": charts.funnel_chart(
            chart_rows(data, label=label, value=value), title=str(title), **options
        )
    }
