"""What partners add to our catalog page (plugged into `courses.hooks`):
partner universities' courses, with the partner's name and logo and an
"enrol at the partner" link, filtered like the catalog, and the "offered by"
facet (our courses and each partner's, with counts). Two queries."""

import re

from lms.learning.selectors import OUR_COURSES

from .selectors import partner_catalog_providers, partner_course_list_for_catalog

FILTERS = ("learning_mode", "delivery", "level", "course_language")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def catalog_context(*, request, page) -> dict:
    filters = {name: request.GET.get(name, "")[:32] for name in FILTERS}
    offered_by = request.GET.get("offered_by", "")
    offered_by = offered_by if _SLUG.fullmatch(offered_by) else ""
    return {
        "partner_courses": partner_course_list_for_catalog(
            filters=filters, offered_by=offered_by
        ),
        "partner_courses_template": "partners/includes/catalog_partner_courses.html",
        "partner_providers": partner_catalog_providers(filters=filters),
        "provider_facet_template": "partners/includes/catalog_provider_facet.html",
        "offered_by": offered_by,
        "our_courses_value": OUR_COURSES,
    }
