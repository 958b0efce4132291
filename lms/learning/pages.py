"""What learning adds to course pages: the context providers and the lesson gate
registered for `courses.hooks`' Wagtail hooks in `wagtail_hooks.py`."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

from .forms import CatalogFilterForm, EnrollForm
from .permissions import is_center_staff, is_course_instructor, lesson_access_allowed
from .selectors import (
    course_catalog,
    course_progress,
    course_run_list_for_page,
    enrollment_for,
    progress_requirements_attach,
)
from .services import lesson_progress_view


def catalog_context(*, request, page) -> dict:
    form = CatalogFilterForm(request.GET or None)
    query = form.catalog_query()
    return {
        "filter_form": form,
        "query": query,
        **course_catalog(index=page, query=query),
    }


def course_context(*, request, page) -> dict:
    user = request.user
    # the same runs, seats and waitlist from every language version of the page
    runs = course_run_list_for_page(course=page)
    enrollment = enrollment_for(learner=user, course=page)
    context = {
        "runs": runs,
        # lodging's box asks its tables only when a residential run is shown
        "has_residential_run": any(run.is_residential for run in runs),
        "enrollment": enrollment,
        "enroll_form": EnrollForm(),
        "can_read_lessons": lesson_access_allowed(user=user, course=page),
        "can_manage": is_center_staff(user) or is_course_instructor(user, page),
    }
    if user.is_authenticated:
        context["progress"] = progress_requirements_attach(
            progress=course_progress(learner=user, course=page), enrollment=enrollment
        )
    return context


def lesson_context(*, request, page) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {"progress": None}
    lesson_progress_view(learner=user, lesson=page)
    progress = course_progress(learner=user, course=page.course)
    if progress.lessons_done and progress.required_total:
        # the last lesson read: say what the course still asks, not just 100 %
        progress_requirements_attach(
            progress=progress,
            enrollment=enrollment_for(learner=user, course=page.course),
        )
    return {
        "progress": progress,
        "is_complete": page.pk in progress.completed_ids,
        "is_bookmarked": user.bookmarks.filter(page_id=page.pk).exists(),
    }


def lesson_gate(*, request, lesson):
    """Lessons of closed courses are for enrolled learners and their teachers."""
    course = lesson.course
    if lesson_access_allowed(user=request.user, course=course):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(
        request,
        "learning/lesson_locked.html",
        {
            "course": course,
            "lesson": lesson,
            "message": _("Enrol in this course to open its lessons."),
        },
        status=403,
    )


def quiz_context(*, request, page) -> dict:
    from .quiz_selectors import quiz_state

    return quiz_state(learner=request.user, quiz=page)
