"""OpenGraph tags for every page of the site (one line in base.html)."""

from django import template
from django.utils.translation import get_language

register = template.Library()

OG_LOCALES = {"ko": "ko_KR", "en": "en_US"}
OG_TYPES = {"eventpage": "event", "coursepage": "article", "townspacepage": "place"}


@register.inclusion_tag("cms/includes/opengraph.html", takes_context=True)
def opengraph_tags(context):
    request = context.get("request")
    page = context.get("page")
    language = get_language() or "ko"
    title = ""
    description = ""
    kind = "website"
    if page is not None and hasattr(page, "title"):
        title = getattr(page, "seo_title", "") or page.title
        description = getattr(page, "search_description", "") or getattr(
            page, "summary", ""
        )
        kind = OG_TYPES.get(page._meta.model_name, "website")
    return {
        "og_title": title,
        "og_description": str(description)[:300],
        "og_type": kind,
        "og_url": request.build_absolute_uri(request.path) if request else "",
        "og_locale": OG_LOCALES.get(language, "ko_KR"),
        "og_alternates": [v for k, v in OG_LOCALES.items() if k != language],
    }
