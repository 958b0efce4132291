"""What lodging adds to course pages (plugged into `courses.hooks`).

The providers hand the page a `PageLodging` that works out availability only
when the template asks about a residential run, and name the small template
that the course templates include for it.
"""

from wagtail.models import Page

from lms.learning.models import CourseRun

from .selectors import PageLodging


def _residential_runs():
    return CourseRun.objects.published().upcoming().filter(is_residential=True)


def catalog_context(*, request, page) -> dict:
    # runs belong to the course, whatever language this catalog is in
    runs = _residential_runs().filter(
        course__translation_key__in=Page.objects.child_of(page).values(
            "translation_key"
        )
    )
    return {
        "lodging": PageLodging(runs),
        "lodging_run_template": "lodging/includes/catalog_run.html",
    }


def course_context(*, request, page) -> dict:
    runs = _residential_runs().for_course(page).order_by("starts_on", "pk")
    return {
        "lodging": PageLodging(runs, user=request.user),
        "lodging_box_template": "lodging/includes/course_box.html",
    }
