"""Assignment views: submit, download a submission, grade, grant extensions."""

import os

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import AssignmentPage
from lms.accounts.models import User

from ..assignment_selectors import (
    assignment_page_state,
    assignment_rubric,
    grading_queue_next,
    grading_queue_page,
    late_policy_text,
    submission_for_viewer,
    teaches_any_course,
)
from ..models import SEAT_HOLDING, AssignmentExtension, Submission
from ..permissions import grading_allowed, is_center_staff, lesson_access_allowed
from ..selectors import course_in_language
from ..services.assignments import (
    AssignmentError,
    AssignmentForbidden,
    extension_grant,
    submission_create,
    submission_grade,
)


def assignment_page_context(*, request, page) -> dict:
    """What the assignment page adds for the visitor (a page context provider)."""
    user = request.user
    state = assignment_page_state(
        user=user,
        assignment=page,
        may_submit=user.is_authenticated
        and lesson_access_allowed(user=user, course=page.course),
        now=timezone.now(),
    )
    return {
        "assignment": state,
        "submitted_text": request.POST.get("text", "")
        if request.method == "POST"
        else "",
    }


def _refused(request, error: AssignmentError, *, status: int = 403):
    return render(
        request,
        "learning/assignment_refused.html",
        {"message": error.message},
        status=status,
    )


@login_required
@require_POST
def assignment_submit(request, assignment_id: int):
    assignment = get_object_or_404(AssignmentPage.objects.live(), pk=assignment_id)
    try:
        submission_create(
            learner=request.user,
            assignment=assignment,
            text=request.POST.get("text", ""),
            upload=request.FILES.get("file"),
        )
    except AssignmentForbidden as error:
        return _refused(request, error)
    except AssignmentError as error:
        # the page again, with the message and the answer as typed
        messages.error(request, error.message)
        response = assignment.serve(request)
        response.status_code = 400
        return response
    messages.success(request, _("Your work has been submitted."))
    return redirect(f"{assignment.url}#submissions")


@login_required
@require_GET
def submission_file(request, submission_id: int):
    """The submitted file, always as a download, for those who may see it."""
    submission = submission_for_viewer(user=request.user, submission_id=submission_id)
    if submission is None or not submission.file:
        raise Http404
    try:
        handle = submission.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    filename = submission.original_filename or os.path.basename(submission.file.name)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/octet-stream",
    )


def _grading_refused(request):
    return _refused(
        request,
        AssignmentForbidden(_("Only the instructors of a course can grade its work.")),
    )


@login_required
@require_GET
def grading_queue_view(request):
    user = request.user
    if not is_center_staff(user) and not teaches_any_course(user=user):
        return _grading_refused(request)
    try:
        assignment_id = int(request.GET.get("assignment") or 0) or None
    except ValueError:
        assignment_id = None
    context = grading_queue_page(
        grader=user, assignment_id=assignment_id, page=request.GET.get("page") or 1
    )
    return render(request, "learning/assignment_grading_queue.html", context)


def _rubric_choices(post, count: int) -> list:
    choices = []
    for index in range(count):
        try:
            choices.append(int(post.get(f"criterion-{index}", "")))
        except ValueError:
            choices.append(None)
    return choices


@login_required
@require_http_methods(["GET", "POST"])
def submission_grade_view(request, submission_id: int):
    submission = get_object_or_404(
        Submission.objects.select_related("learner", "assignment", "graded_by"),
        pk=submission_id,
    )
    assignment = submission.assignment
    if not grading_allowed(user=request.user, assignment=assignment):
        return _grading_refused(request)
    try:
        filter_id = int(request.GET.get("assignment") or 0) or None
    except ValueError:
        filter_id = None
    status = 200
    choices = submission.rubric_choices
    if request.method == "POST":
        count = len(assignment.rubric)
        choices = _rubric_choices(request.POST, count)
        try:
            submission_grade(
                submission=submission,
                grader=request.user,
                rubric_choices=choices if count else None,
                score=request.POST.get("score"),
                feedback=request.POST.get("feedback", ""),
            )
        except AssignmentForbidden as error:
            return _refused(request, error)
        except AssignmentError as error:
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(
                request,
                _("Grade saved for %(name)s.")
                % {"name": submission.learner.display_name},
            )
            following = grading_queue_next(
                grader=request.user, after=submission, assignment_id=filter_id
            )
            query = f"?{urlencode({'assignment': filter_id})}" if filter_id else ""
            if following is None:
                messages.info(request, _("No more submissions are waiting."))
                return redirect(reverse("learning:grading-queue") + query)
            return redirect(
                reverse("learning:submission-grade", args=[following.pk]) + query
            )
    versions = Submission.objects.filter(
        learner_id=submission.learner_id, assignment=assignment
    ).order_by("-version")
    return render(
        request,
        "learning/assignment_grade.html",
        {
            "submission": submission,
            "assignment": assignment,
            "course": course_in_language(assignment.course),
            "rubric": assignment_rubric(assignment=assignment, choices=choices),
            "versions": versions,
            "late_policy": late_policy_text(assignment),
            "posted": request.POST if request.method == "POST" else None,
            "filter_id": filter_id,
        },
        status=status,
    )


class ExtensionForm(forms.Form):
    learner = forms.ModelChoiceField(
        label=gettext_lazy("Learner"), queryset=User.objects.none()
    )
    due_at = forms.DateTimeField(
        label=gettext_lazy("New due date"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=300, required=False
    )

    def __init__(self, *args, assignment: AssignmentPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = (
            User.objects.filter(
                enrollments__run__course__translation_key=assignment.course.translation_key,
                enrollments__status__in=SEAT_HOLDING,
            )
            .distinct()
            .order_by("name_ko", "email")
        )
        self.fields["learner"].label_from_instance = lambda user: (
            f"{user.display_name} ({user.email})"
        )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_extensions(request, assignment_id: int):
    assignment = get_object_or_404(AssignmentPage.objects.live(), pk=assignment_id)
    if not grading_allowed(user=request.user, assignment=assignment):
        return _refused(
            request,
            AssignmentForbidden(
                _("Only the instructors of this course can grant extensions.")
            ),
        )
    form = ExtensionForm(request.POST or None, assignment=assignment)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                extension_grant(
                    assignment=assignment,
                    learner=form.cleaned_data["learner"],
                    due_at=form.cleaned_data["due_at"],
                    reason=form.cleaned_data["reason"],
                    granted_by=request.user,
                )
            except AssignmentForbidden as error:
                return _refused(request, error)
            except AssignmentError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("Extension saved for %(name)s.")
                    % {"name": form.cleaned_data["learner"].display_name},
                )
                return redirect("learning:assignment-extension", assignment.pk)
        status = 400
    extensions = (
        AssignmentExtension.objects.filter(
            assignment__translation_key=assignment.translation_key
        )
        .select_related("learner", "granted_by")
        .order_by("due_at", "pk")
    )
    return render(
        request,
        "learning/assignment_extensions.html",
        {
            "assignment": assignment,
            "course": course_in_language(assignment.course),
            "form": form,
            "extensions": extensions,
        },
        status=status,
    )


urlpatterns = [
    path(
        "assignments/<int:assignment_id>/submit/",
        assignment_submit,
        name="assignment-submit",
    ),
    path(
        "assignments/<int:assignment_id>/extensions/",
        assignment_extensions,
        name="assignment-extension",
    ),
    path(
        "submissions/<int:submission_id>/file/",
        submission_file,
        name="submission-file",
    ),
    path(
        "submissions/<int:submission_id>/grade/",
        submission_grade_view,
        name="submission-grade",
    ),
    path("grading/", grading_queue_view, name="grading-queue"),
]
