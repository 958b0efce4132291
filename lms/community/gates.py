"""The lesson gate: a lesson restricted to some cohorts is hidden from others.

Registered for the Wagtail hook `before_serve_lesson` (`courses.hooks`) in
`wagtail_hooks.py`. It answers only for
restricted pages; everything else is left to learning's own gate.
"""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from lms.learning.permissions import is_center_staff, is_course_instructor

from .models import CohortMembership, LessonCohortRestriction


def cohort_lesson_gate(*, request, lesson):
    """None (allow) unless the lesson is cohort-only and the visitor is not in
    one of its cohorts: then a 404 as if it did not exist (a login first for
    anonymous visitors).
    """
    restriction = LessonCohortRestriction.objects.filter(page_id=lesson.pk).first()
    if restriction is None:
        return None
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if is_center_staff(user) or is_course_instructor(user, lesson.course):
        return None
    if CohortMembership.objects.filter(
        user=user, cohort__in=restriction.cohorts.all()
    ).exists():
        return None
    return render(request, "404.html", status=404)
