"""Learning views: parse, call one service, answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import CoursePage, LessonPage, LibraryResource
from lms.core.csv_export import csv_filename, csv_response

from ..assignment_selectors import teaches_any_course
from ..forms import CsvImportForm, EnrollForm
from ..models import CourseRun, Enrollment, EnrollmentStatus
from ..permissions import is_center_staff, lesson_access_allowed, run_manage_allowed
from ..selectors import (
    approval_queue,
    course_in_language,
    course_progress,
    enrollment_for,
    learner_dashboard,
    progress_requirements_attach,
    run_in_language,
    runs_in_language,
    teaching_runs,
)
from ..services import (
    EnrollmentError,
    bookmark_toggle,
    enrollment_approve,
    enrollment_bulk_import,
    enrollment_create,
    enrollment_reject,
    enrollment_withdraw,
    lesson_progress_complete,
)


def _back(request, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def run_enroll(request, run_id: int):
    run = get_object_or_404(
        CourseRun.objects.published().select_related("course"), pk=run_id
    )
    form = EnrollForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        response = _back(request, run.course.url)
        response.status_code = 303
        return response
    try:
        enrollment = enrollment_create(
            learner=request.user,
            run=run,
            invitation_code=form.cleaned_data["invitation_code"],
            reason=form.cleaned_data["reason"],
        )
    except EnrollmentError as error:
        messages.error(request, error.message)
        response = _back(request, run.course.url)
        response.status_code = 303
        return response
    messages.success(
        request,
        {
            EnrollmentStatus.ACTIVE: _("You are enrolled. Welcome!"),
            EnrollmentStatus.COMPLETED: _("You have already completed this course."),
            EnrollmentStatus.PENDING: _("Your request has been sent for approval."),
            EnrollmentStatus.WAITLISTED: _(
                "The course is full; you are on the waitlist."
            ),
        }[enrollment.status],
    )
    return _back(request, run.course.url)


def withdraw_texts(enrollment) -> dict:
    """The question, detail and button of leaving a run or cancelling a request
    (the dialog and its no-JavaScript page say the same)."""
    if enrollment.status == EnrollmentStatus.ACTIVE:
        return {
            "trigger_label": _("Withdraw"),
            "question": _("Withdraw from this course?"),
            "detail": _("Your seat goes to the next person; your progress is kept."),
            "confirm_label": _("Withdraw"),
        }
    return {
        "trigger_label": _("Cancel my request"),
        "question": _("Cancel your request?"),
        "detail": _("You can ask again while enrolment is open."),
        "confirm_label": _("Cancel my request"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def enrollment_withdraw_view(request, enrollment_id: int):
    """GET asks (the page behind the confirmation dialog); POST withdraws."""
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("run__course"),
        pk=enrollment_id,
        learner=request.user,
    )
    if request.method == "GET":
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            next_url = ""
        return render(
            request,
            "learning/enrollment_withdraw_confirm.html",
            {
                "enrollment": enrollment,
                "next": next_url,
                "back_url": next_url or run_in_language(enrollment.run).course.url,
                **withdraw_texts(enrollment),
            },
        )
    try:
        enrollment_withdraw(enrollment=enrollment)
    except EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You have left %(course)s.")
            % {"course": course_in_language(enrollment.run.course).title},
        )
    return _back(request, "learning:dashboard")


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        lesson_progress_complete(learner=request.user, lesson=lesson)
    except EnrollmentError as error:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"error": error.message}, status=403)
        messages.error(request, error.message)
        return redirect(lesson.course.url)
    if request.headers.get("Accept") == "application/json":
        progress = course_progress(learner=request.user, course=lesson.course)
        return JsonResponse({"completed": True, "percent": progress.percent})
    outline_next = request.POST.get("next")
    return _back(request, outline_next or lesson.url)


@login_required
@require_GET
def dashboard(request):
    context = learner_dashboard(learner=request.user)
    context["teaches"] = is_center_staff(request.user) or teaches_any_course(
        user=request.user
    )
    return render(request, "learning/dashboard.html", context)


@login_required
@require_GET
def course_progress_view(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not lesson_access_allowed(user=request.user, course=course):
        raise PermissionDenied
    from courses.outline import course_outline

    return render(
        request,
        "learning/course_progress.html",
        {
            "course": course,
            "outline": course_outline(course=course),
            "progress": progress_requirements_attach(
                progress=course_progress(learner=request.user, course=course),
                enrollment=enrollment_for(learner=request.user, course=course),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def approvals(request):
    staff = is_center_staff(request.user)
    queue = approval_queue(user=request.user, is_staff=staff)
    if request.method == "POST":
        enrollment = get_object_or_404(queue, pk=request.POST.get("enrollment"))
        decide = (
            enrollment_approve
            if request.POST.get("decision") == "approve"
            else (enrollment_reject)
        )
        try:
            decide(enrollment=enrollment, actor=request.user)
        except EnrollmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Decision saved for %(name)s.")
                % {"name": enrollment.learner.display_name},
            )
        return redirect("learning:approvals")
    if not staff and not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    pending = list(queue)
    runs_in_language(e.run for e in pending)
    return render(request, "learning/approvals.html", {"pending": pending})


@login_required
@require_http_methods(["GET", "POST"])
def run_csv_import(request, run_id: int):
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    if not is_center_staff(request.user):
        raise PermissionDenied
    form = CsvImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = enrollment_bulk_import(
                run=run, data=form.cleaned_data["file"].read(), actor=request.user
            )
            if report.ok:
                messages.success(
                    request, _("%(n)d learners enrolled.") % {"n": len(report.enrolled)}
                )
                return redirect("learning:run-import", run_id=run.pk)
        status = 400
    return render(
        request,
        "learning/run_import.html",
        {"run": run_in_language(run), "form": form, "report": report},
        status=status,
    )


@login_required
@require_GET
def run_roster_csv(request, run_id: int):
    """The run's enrolments as CSV that Excel opens with Korean intact."""
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    if not run_manage_allowed(user=request.user, run=run):
        raise PermissionDenied
    enrollments = run.enrollments.select_related("learner__organization").order_by(
        "created_at"
    )
    return csv_response(
        (
            [
                e.learner.email,
                e.learner.display_name,
                e.learner.organization or "",
                e.get_status_display(),
                e.created_at.date(),
            ]
            for e in enrollments
        ),
        filename=csv_filename("run", run.pk, "roster"),
        header=[_("E-mail"), _("Name"), _("Organization"), _("Status"), _("Requested")],
    )


@login_required
@require_POST
def bookmark_toggle_view(request):
    page = resource = None
    if request.POST.get("page"):
        page = get_object_or_404(LessonPage.objects.live(), pk=request.POST["page"])
        if not lesson_access_allowed(user=request.user, course=page.course):
            raise PermissionDenied
    elif request.POST.get("resource"):
        resource = get_object_or_404(
            LibraryResource.objects.filter(is_published=True),
            pk=request.POST["resource"],
        )
    else:
        return HttpResponse(_("Choose one thing to save."), status=400)
    saved = bookmark_toggle(learner=request.user, page=page, resource=resource)
    messages.success(
        request, _("Saved for later.") if saved else _("Removed from saved.")
    )
    return _back(request, "learning:dashboard")


@login_required
@require_GET
def teaching(request):
    """The runs I teach (every run for center staff) and what waits for me."""
    staff = is_center_staff(request.user)
    if not staff and not teaches_any_course(user=request.user):
        raise PermissionDenied
    context = teaching_runs(
        user=request.user, is_staff=staff, page=request.GET.get("page") or 1
    )
    return render(request, "learning/teaching.html", context)
