"""JSON-LD for a <script type="application/ld+json"> element, safe to inline."""

import json

from django.utils.safestring import SafeString, mark_safe

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def jsonld_dumps(data: dict) -> SafeString:
    """`data` as JSON that cannot close the script element it sits in."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    # <, > and & are escaped above, so the JSON cannot end the element
    return mark_safe(text.translate(_ESCAPES))  # noqa: S308  # nosec B308 B703
