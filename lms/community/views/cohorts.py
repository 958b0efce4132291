"""Cohort views for instructors and staff: make, fill, move; announce."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.accounts.models import User
from lms.learning.models import CourseRun

from .. import selectors, services
from ..forms import CohortForm, FillForm
from ..models import Cohort
from ..permissions import run_teacher
from ..services.errors import CommunityError, CommunityForbidden
from .common import refused


def _run_for_teacher(request, run_id: int):
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    if not run_teacher(user=request.user, run=run):
        return run, refused(
            request,
            CommunityForbidden(
                _("Only the course's instructors and center staff can manage cohorts.")
            ),
        )
    return run, None


def _page(request, run, *, cohort_form=None, fill_form=None, status=200):
    context = selectors.cohorts_of_run(run=run)
    context.update(
        cohort_form=cohort_form or CohortForm(),
        fill_form=fill_form or FillForm(),
    )
    return render(request, "community/cohorts.html", context, status=status)


@login_required
@require_GET
def cohorts(request, run_id: int):
    run, refusal = _run_for_teacher(request, run_id)
    return refusal or _page(request, run)


@login_required
@require_POST
def cohort_create(request, run_id: int):
    run, refusal = _run_for_teacher(request, run_id)
    if refusal:
        return refusal
    form = CohortForm(request.POST)
    if form.is_valid():
        try:
            services.cohort_create(
                run=run,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                actor=request.user,
            )
        except CommunityError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("Cohort created."))
            return redirect("community:cohorts", run.pk)
    return _page(request, run, cohort_form=form, status=400)


@login_required
@require_POST
def cohorts_fill(request, run_id: int):
    run, refusal = _run_for_teacher(request, run_id)
    if refusal:
        return refusal
    form = FillForm(request.POST)
    if form.is_valid():
        try:
            report = services.cohorts_fill(
                run=run,
                strategy=form.cleaned_data["strategy"],
                cohort_count=form.cleaned_data["cohort_count"],
                actor=request.user,
            )
        except CommunityError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(count)d learners placed in cohorts.") % {"count": report.total},
            )
            return redirect("community:cohorts", run.pk)
    return _page(request, run, fill_form=form, status=400)


@login_required
@require_POST
def cohort_member_move(request, run_id: int):
    run, refusal = _run_for_teacher(request, run_id)
    if refusal:
        return refusal
    cohort = get_object_or_404(Cohort, pk=request.POST.get("cohort") or 0, run=run)
    learner = get_object_or_404(User, pk=request.POST.get("user") or 0)
    try:
        services.cohort_member_set(cohort=cohort, learner=learner, actor=request.user)
    except CommunityError as error:
        return refused(request, error)
    messages.success(
        request,
        _("%(name)s is now in %(cohort)s.")
        % {"name": learner.display_name, "cohort": cohort.name},
    )
    return redirect("community:cohorts", run.pk)
