"""Center staff's certificate screens: the register, one certificate's history
with revocation and reissue, and a course run's certificates with issuing by
hand and in bulk (with a progress bar fed by the bulk task)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from lms.learning.models import CourseRun
from lms.learning.permissions import is_center_staff
from lms.learning.selectors import run_in_language

from ..badges import verify_url
from ..forms import BatchForm, ReissueForm, RevokeForm, SearchForm
from ..models import Certificate, CertificateBatch
from ..selectors import (
    batch_progress,
    certificate_history,
    certificate_search,
    run_certificates,
    run_list_with_completions,
)
from ..services import (
    CertificateError,
    certificate_batch_start,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)


def staff_required(view):
    """Signed in (else the login page) and center staff (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_center_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


@staff_required
@require_GET
def register(request):
    form = SearchForm(request.GET or None)
    query = status = ""
    if form.is_valid():
        query, status = form.cleaned_data["q"], form.cleaned_data["status"]
    page = certificate_search(query=query, status=status, page=_page_number(request))
    return render(
        request,
        "certificates/staff/register.html",
        {"form": form, "page": page, "certificates": page.object_list},
    )


@staff_required
@require_GET
def certificate_detail(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    return _detail(request, certificate)


def _detail(request, certificate, *, revoke_form=None, reissue_form=None, status=200):
    reissue_form = reissue_form or ReissueForm(
        initial={
            "name_ko": certificate.learner_name_ko,
            "name_en": certificate.learner_name_en,
        }
    )
    return render(
        request,
        "certificates/staff/certificate.html",
        {
            "certificate": certificate,
            "history": certificate_history(certificate=certificate),
            "revoke_form": revoke_form or RevokeForm(),
            "reissue_form": reissue_form,
            "share_url": verify_url(certificate.code),
        },
        status=status,
    )


@staff_required
@require_POST
def certificate_revoke_view(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _detail(request, certificate, revoke_form=form, status=400)
    try:
        certificate_revoke(
            certificate=certificate,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except CertificateError as error:
        form.add_error(None, error.message)
        return _detail(request, certificate, revoke_form=form, status=400)
    messages.success(
        request,
        _("Certificate %(serial)s is revoked.") % {"serial": certificate.serial},
    )
    return redirect("certificates:manage-detail", pk=certificate.pk)


@staff_required
@require_POST
def certificate_reissue_view(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    form = ReissueForm(request.POST)
    if not form.is_valid():
        return _detail(request, certificate, reissue_form=form, status=400)
    try:
        new = certificate_reissue(
            certificate=certificate,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            names=(form.cleaned_data["name_ko"], form.cleaned_data["name_en"]),
        )
    except CertificateError as error:
        form.add_error(None, error.message)
        return _detail(request, certificate, reissue_form=form, status=400)
    messages.success(
        request,
        _("Certificate %(old)s is replaced by %(new)s.")
        % {"old": certificate.serial, "new": new.serial},
    )
    return redirect("certificates:manage-detail", pk=new.pk)


@staff_required
@require_GET
def run_index(request):
    page = run_list_with_completions(page=_page_number(request))
    return render(
        request,
        "certificates/staff/runs.html",
        {"page": page, "runs": page.object_list},
    )


def _run(run_id: int) -> CourseRun:
    return get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)


@staff_required
@require_GET
def run_detail(request, run_id: int):
    return _run_page(request, _run(run_id))


def _run_page(request, run, *, batch_form=None, status=200):
    overview = run_certificates(run=run, page=_page_number(request))
    return render(
        request,
        "certificates/staff/run.html",
        {
            "run": run_in_language(run),
            "overview": overview,
            "rows": overview.rows,
            "page": overview.page,
            "batch": overview.batch,
            "batch_form": batch_form or BatchForm(),
        },
        status=status,
    )


@staff_required
@require_POST
def run_issue(request, run_id: int):
    """Issue one learner's certificate by hand (the enrolment in the form)."""
    run = _run(run_id)
    try:
        enrollment_id = int(request.POST.get("enrollment", ""))
    except ValueError:
        enrollment_id = 0
    return _issue(request, run, enrollment_id)


@staff_required
@require_http_methods(["GET", "POST"])
def run_issue_one(request, run_id: int, enrollment_id: int):
    """GET asks (the page behind the confirmation dialog); POST issues."""
    run = _run(run_id)
    if request.method == "POST":
        return _issue(request, run, enrollment_id)
    enrollment = get_object_or_404(
        run.enrollments.select_related("learner"), pk=enrollment_id
    )
    return render(
        request,
        "certificates/staff/issue_confirm.html",
        {"run": run, "enrollment": enrollment, **issue_texts(enrollment)},
    )


def issue_texts(enrollment) -> dict:
    """The question and detail of issuing by hand (the dialog on the run page
    and its no-JavaScript page say the same)."""
    return {
        "question": _("Issue a certificate to %(name)s?")
        % {"name": enrollment.learner.display_name},
        "detail": _(
            "It gets a serial number and is sent to the learner at once. "
            "An issued certificate cannot be deleted, only revoked or reissued."
        ),
        "confirm_label": _("Issue the certificate"),
    }


def _issue(request, run, enrollment_id: int):
    if not run.enrollments.filter(pk=enrollment_id).exists():
        messages.error(request, _("That learner is not enrolled in this course run."))
        return _run_page(request, run, status=400)
    try:
        certificate, created = certificate_issue(
            enrollment_id=enrollment_id, actor=request.user, render_after_commit=True
        )
    except CertificateError as error:
        messages.error(request, error.message)
        return _run_page(request, run, status=400)
    else:
        if created:
            messages.success(
                request,
                _("Certificate %(serial)s is issued.") % {"serial": certificate.serial},
            )
        else:
            messages.info(
                request,
                _("This learner already has certificate %(serial)s.")
                % {"serial": certificate.serial},
            )
    return redirect("certificates:manage-run", run_id=run.pk)


@staff_required
@require_POST
def run_batch(request, run_id: int):
    """Start a bulk (re)issue; the run page then shows its progress."""
    run = _run(run_id)
    form = BatchForm(request.POST)
    if not form.is_valid():
        return _run_page(request, run, batch_form=form, status=400)
    try:
        batch = certificate_batch_start(
            run=run,
            mode=form.cleaned_data["mode"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except CertificateError as error:
        form.add_error(None, error.message)
        return _run_page(request, run, batch_form=form, status=400)
    messages.success(
        request,
        _("Started: %(count)d learners.") % {"count": batch.total},
    )
    return redirect("certificates:manage-run", run_id=run.pk)


@staff_required
@require_GET
def batch_progress_view(request, pk: int):
    batch = get_object_or_404(CertificateBatch, pk=pk)
    return JsonResponse(batch_progress(batch=batch))
