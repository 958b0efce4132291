"""The partner dashboard: tokens, the partner's learners, webhook deliveries.

Only the institution's admins (and superusers) reach it; anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from courses.translations import page_title_expression
from lms.core.csv_export import csv_filename, csv_response

from . import selectors
from .errors import PartnerError
from .models import Scope, WebhookEndpoint
from .services.tokens import api_token_create, api_token_revoke, api_token_rotate
from .services.webhooks import webhook_redeliver, webhook_signature_verify

DASHBOARD_ROWS = 50


def _institution_for(request, slug: str):
    """The institution `slug` if the user administers it; 404 otherwise."""
    institution = (
        selectors.institution_list_for_admin(user=request.user)
        .filter(slug=slug)
        .first()
    )
    if institution is None:
        raise Http404
    return institution


@login_required
def dashboard_index(request):
    institutions = list(selectors.institution_list_for_admin(user=request.user))
    if len(institutions) == 1:
        return redirect("partners:dashboard", slug=institutions[0].slug)
    if not institutions:
        raise Http404
    return render(request, "partners/index.html", {"institutions": institutions})


@login_required
def dashboard(request, slug: str):
    institution = _institution_for(request, slug)
    new_token = None
    if request.method == "POST":
        try:
            days = int(request.POST.get("expires_in_days") or 365)
        except ValueError:
            days = 0
        try:
            _token, new_token = api_token_create(
                institution=institution,
                name=request.POST.get("name", ""),
                scopes=request.POST.getlist("scopes"),
                expires_in_days=days,
                actor=request.user,
            )
        except PartnerError as error:
            messages.error(request, error.message)
    context = selectors.partner_dashboard(institution=institution, rows=DASHBOARD_ROWS)
    context.update(
        institution=institution,
        new_token=new_token,
        scopes=Scope.choices,
    )
    status = 400 if request.method == "POST" and new_token is None else 200
    return render(request, "partners/dashboard.html", context, status=status)


def _token_of(institution, pk: int):
    token = selectors.partner_tokens(institution=institution).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


@login_required
@require_POST
def token_rotate(request, slug: str, pk: int):
    institution = _institution_for(request, slug)
    try:
        _new, raw = api_token_rotate(
            token=_token_of(institution, pk), actor=request.user
        )
    except PartnerError as error:
        messages.error(request, error.message)
        return redirect("partners:dashboard", slug=slug)
    context = selectors.partner_dashboard(institution=institution, rows=DASHBOARD_ROWS)
    context.update(institution=institution, new_token=raw, scopes=Scope.choices)
    return render(request, "partners/dashboard.html", context)


@login_required
@require_POST
def token_revoke(request, slug: str, pk: int):
    institution = _institution_for(request, slug)
    api_token_revoke(token=_token_of(institution, pk), actor=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("partners:dashboard", slug=slug)


@login_required
@require_POST
def delivery_redeliver(request, slug: str, pk: int):
    institution = _institution_for(request, slug)
    delivery = (
        selectors.partner_webhook_deliveries(institution=institution)
        .filter(pk=pk)
        .first()
    )
    if delivery is None:
        raise Http404
    webhook_redeliver(delivery=delivery)
    messages.success(request, _("The event is being sent again."))
    return redirect("partners:dashboard", slug=slug)


@login_required
def enrolments_csv(request, slug: str):
    institution = _institution_for(request, slug)
    enrollments = (
        selectors.partner_enrollments(institution=institution)
        .select_related("learner")
        .annotate(course_title=page_title_expression("run__course"))
        .order_by("pk")
    )
    rows = (
        (
            e.external_id,
            e.learner.email,
            e.course_title,
            e.run.title,
            e.get_status_display(),
            e.created_at.date().isoformat(),
            e.completed_at.date().isoformat() if e.completed_at else "",
            e.final_grade if e.final_grade is not None else "",
        )
        for e in enrollments.iterator(chunk_size=500)
    )
    return csv_response(
        rows,
        filename=csv_filename(institution.slug, "enrolments"),
        header=[
            _("Learner id"),
            _("E-mail"),
            _("Course"),
            _("Run"),
            _("Status"),
            _("Enrolled"),
            _("Completed"),
            _("Final grade (%)"),
        ],
    )


@csrf_exempt
@require_POST
def demo_webhook(request, slug: str):
    """The demo's own webhook receiver: it checks the signature as a partner
    would, and answers 204 (or 401 for a bad signature). Only for the demo
    partners' endpoints, which `seed_demo` points here."""
    endpoint = (
        WebhookEndpoint.objects.filter(
            institution__slug=slug, url__contains="/partners/demo-webhook/"
        )
        .only("secret")
        .first()
    )
    if endpoint is None:
        raise Http404
    valid = webhook_signature_verify(
        secret=endpoint.secret,
        timestamp=request.headers.get("Campus-Timestamp", ""),
        body=request.body,
        signature=request.headers.get("Campus-Signature", ""),
    )
    return HttpResponse(status=204 if valid else 401)
