"""Public verification: a page and a JSON answer per code, and a lookup by
serial number and name. Rate-limited per address; shows nothing beyond what
the certificate itself says."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from lms.core.ratelimit import RateLimited, setting_rate, too_many_requests

from ..forms import LookupForm
from ..models import Certificate
from ..selectors import certificate_for_verification, certificate_lookup


def _too_many(request, *, json: bool = False):
    error = RateLimited(
        _("Too many checks from your address. Please try again in a minute.")
    )
    return too_many_requests(request, error, json=json)


def verification_facts(certificate: Certificate) -> dict:
    """What a verifier is told: status, name, course, dates, hours, issuer."""
    return {
        "status": certificate.status,
        "valid": certificate.is_valid,
        "serial": certificate.serial,
        "holder": {
            "name_ko": certificate.learner_name_ko,
            "name_en": certificate.learner_name_en,
        },
        "course": {
            "title_ko": certificate.course_title_ko,
            "title_en": certificate.course_title_en,
            "credit_hours": float(certificate.credit_hours),
            "started_on": certificate.started_on.isoformat()
            if certificate.started_on
            else None,
            "ended_on": certificate.ended_on.isoformat()
            if certificate.ended_on
            else None,
        },
        "completed_on": certificate.completed_on.isoformat(),
        "issued_on": certificate.issued_at.date().isoformat(),
        "issuer": {
            "name_ko": certificate.issuer_name_ko,
            "name_en": certificate.issuer_name_en,
        },
        "revoked_on": certificate.revoked_at.date().isoformat()
        if certificate.revoked_at
        else None,
        "replaced_on": certificate.superseded_at.date().isoformat()
        if certificate.superseded_at
        else None,
    }


@require_GET
@ratelimit(key="ip", rate=setting_rate, block=False, group="certificates.verify")
def verify(request, code: str):
    if getattr(request, "limited", False):
        return _too_many(request)
    certificate = certificate_for_verification(code=code)
    if certificate is None:
        return render(request, "certificates/verify_unknown.html", status=404)
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "facts": verification_facts(certificate)},
    )


@require_GET
@ratelimit(key="ip", rate=setting_rate, block=False, group="certificates.verify")
def verify_json(request, code: str):
    if getattr(request, "limited", False):
        return _too_many(request, json=True)
    certificate = certificate_for_verification(code=code)
    if certificate is None:
        return JsonResponse(
            {"error": _("No certificate has this verification code.")}, status=404
        )
    response = JsonResponse(
        verification_facts(certificate), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"  # verifiers call it from anywhere
    response["Cache-Control"] = "no-cache"
    return response


@require_http_methods(["GET", "POST"])
@ratelimit(
    key="ip", rate=setting_rate, method="POST", block=False, group="certificates.lookup"
)
def verify_lookup(request):
    form = LookupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if getattr(request, "limited", False):
            return _too_many(request)
        if form.is_valid():
            certificate = certificate_lookup(
                serial=form.cleaned_data["serial"], name=form.cleaned_data["name"]
            )
            if certificate is not None:
                return redirect("certificates:verify", code=certificate.code)
            form.add_error(
                None,
                _(
                    "No certificate matches this serial number and name. Check both "
                    "against the certificate."
                ),
            )
        status = 400
    return render(
        request, "certificates/verify_lookup.html", {"form": form}, status=status
    )
