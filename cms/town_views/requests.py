"""Request forms: send, follow as the requester, answer and export as staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from lms.core.csv_export import csv_filename, csv_response

from ..request_models import RequestFormPage, RequestStatus, RequestSubmission
from ..services.requests import RequestError, request_status_set, request_submit

SUBMIT_RATE = "5/h"


def _context(page, request, **extra) -> dict:
    context = page.get_context(request)
    context.update(extra)
    return context


def request_form_serve(page: RequestFormPage, request, *args, **kwargs):
    """GET shows the form; POST validates, drops spam, rate-limits and stores."""
    user = request.user
    if request.method != "POST":
        form = page.get_form(page=page, user=user)
        return TemplateResponse(
            request, page.get_template(request), _context(page, request, form=form)
        )
    form = page.get_form(request.POST, request.FILES, page=page, user=user)
    if form.is_spam:
        # a bot filled the hidden field: answer as if it worked, store nothing
        return TemplateResponse(
            request,
            page.get_landing_page_template(request),
            _context(page, request, submission=None),
        )
    if is_ratelimited(
        request, group="cms.requests", key="ip", rate=SUBMIT_RATE, increment=True
    ):
        messages.error(request, _("Too many requests from here; try again in an hour."))
        response = TemplateResponse(
            request, page.get_template(request), _context(page, request, form=form)
        )
        response.status_code = 429
        return response
    if not form.is_valid():
        response = TemplateResponse(
            request, page.get_template(request), _context(page, request, form=form)
        )
        response.status_code = 400
        return response
    email = form.cleaned_data.get("reply_email") or getattr(user, "email", "")
    try:
        submission = request_submit(
            page=page,
            answers=form.answers(),
            consent=form.consent(),
            user=user,
            email=email,
        )
    except RequestError as error:
        form.add_error(None, error.message)
        response = TemplateResponse(
            request, page.get_template(request), _context(page, request, form=form)
        )
        response.status_code = 400
        return response
    return TemplateResponse(
        request,
        page.get_landing_page_template(request),
        _context(page, request, submission=submission),
    )


@require_GET
def request_status(request, reference: str):
    """Where a request stands, for whoever holds its reference link."""
    submission = get_object_or_404(
        RequestSubmission.objects.select_related("page"), reference=reference
    )
    return render(request, "cms/town/request_status.html", {"submission": submission})


@login_required
@require_GET
def my_requests(request):
    submissions = RequestSubmission.objects.filter(
        requester=request.user
    ).select_related("page")
    return render(request, "cms/town/my_requests.html", {"submissions": submissions})


def _staff_only(request):
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
@require_GET
def staff_requests(request):
    _staff_only(request)
    submissions = RequestSubmission.objects.select_related("page").order_by(
        "status", "-submit_time"
    )[:200]
    forms_pages = RequestFormPage.objects.filter(locale__language_code="ko")
    return render(
        request,
        "cms/town/staff_requests.html",
        {
            "submissions": submissions,
            "form_pages": forms_pages,
            "statuses": RequestStatus.choices,
        },
    )


@login_required
@require_POST
def staff_request_answer(request, pk: int):
    _staff_only(request)
    submission = get_object_or_404(RequestSubmission, pk=pk)
    try:
        request_status_set(
            submission=submission,
            actor=request.user,
            status=request.POST.get("status", ""),
            answer=request.POST.get("answer", ""),
        )
    except RequestError as error:
        messages.error(request, error.message)
        return redirect(reverse("cms:staff-requests"))
    messages.success(request, _("The request was updated."))
    return redirect(reverse("cms:staff-requests"))


@login_required
@require_GET
def staff_requests_csv(request, page_id: int):
    """Every submission of one form as CSV, safe to open in Excel."""
    _staff_only(request)
    page = RequestFormPage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    fields = [field.clean_name for field in page.get_form_fields()]
    header = [
        _("Sent"),
        _("Status"),
        _("Reply to"),
        *[field.label for field in page.get_form_fields()],
        _("Consent given"),
    ]
    submissions = RequestSubmission.objects.filter(page=page).order_by("submit_time")
    rows = (
        [
            s.submit_time.isoformat(),
            s.get_status_display(),
            s.email,
            *[s.form_data.get(name, "") for name in fields],
            "; ".join(c["purpose"] for c in s.consent if c.get("given")),
        ]
        for s in submissions.iterator()
    )
    return csv_response(
        rows, filename=csv_filename("requests", page.slug), header=header
    )
