"""Template helpers for course pages: schema.org JSON-LD and query strings."""

import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def course_json_ld(context, course, runs=()):
    """schema.org Course (with CourseInstance per run) as a JSON-LD script tag."""
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary,
        "url": course.get_full_url(request),
        "inLanguage": course.course_language.replace("_", ","),
        "educationalLevel": course.get_level_display(),
        "provider": {
            "@type": "Organization",
            "name": "Social Economy Network Innovation Town Education Center",
        },
        "timeRequired": f"PT{int(course.credit_hours)}H",
        "hasCourseInstance": [
            {
                "@type": "CourseInstance",
                "name": run.title,
                "courseMode": {
                    "online": "online",
                    "on_site": "onsite",
                    "residential": "onsite",
                }[course.delivery],
                **({"startDate": run.starts_on.isoformat()} if run.starts_on else {}),
                **({"endDate": run.ends_on.isoformat()} if run.ends_on else {}),
            }
            for run in runs
        ],
    }
    if course.category_id:
        data["about"] = course.category.name
    body = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return mark_safe(f'<script type="application/ld+json">{body}</script>')  # noqa: S308  # nosec B308 B703


@register.simple_tag
def action_url(action, *args):
    """A higher layer's URL for a course page action (see courses.hooks)."""
    from ..hooks import page_action_url

    return page_action_url(action, *args)
