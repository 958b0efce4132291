"""What partners add to our catalog page (plugged into `courses.hooks`):
partner universities' courses, with the partner's name and logo and an
"enrol at the partner" link, filtered like the catalog. One query."""

from .selectors import partner_course_list_for_catalog

FILTERS = ("learning_mode", "delivery", "level", "course_language")


def catalog_context(*, request, page) -> dict:
    filters = {name: request.GET.get(name, "")[:32] for name in FILTERS}
    return {
        "partner_courses": partner_course_list_for_catalog(filters=filters),
        "partner_courses_template": "partners/includes/catalog_partner_courses.html",
    }
