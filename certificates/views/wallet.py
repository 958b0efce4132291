"""The learner's wallet: certificates, PDF downloads, badges to take elsewhere."""

import json

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lms.learning.permissions import is_center_staff

from ..badges import credential_from_jwt, verify_url
from ..selectors import (
    certificate_for_owner_or_staff,
    certificate_list_for_learner,
    certificate_reviews_for_learner,
)
from ..services import certificate_pdf_generate, private_storage


@login_required
@require_GET
def wallet(request):
    certificates = certificate_list_for_learner(learner=request.user)
    for certificate in certificates:
        certificate.share_url = verify_url(certificate.code)
    return render(
        request,
        "certificates/wallet.html",
        {
            "certificates": certificates,
            "under_review": certificate_reviews_for_learner(learner=request.user),
        },
    )


def _own_or_staff(request, pk: int):
    """Another learner gets a 404: whether a certificate exists is not theirs to
    know. Its holder gets only a valid one: a revoked or replaced certificate is
    no longer theirs to hand out (staff still can open it)."""
    certificate = certificate_for_owner_or_staff(user=request.user, pk=pk)
    if certificate is None:
        raise Http404
    if certificate.learner_id == request.user.pk and not certificate.is_valid:
        if not is_center_staff(request.user):
            raise Http404
    return certificate


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def certificate_pdf(request, pk: int):
    certificate = _own_or_staff(request, pk)
    # drawn on demand if the worker has not got to it yet
    name = certificate_pdf_generate(certificate_id=certificate.pk)
    response = FileResponse(
        private_storage().open(name, "rb"), content_type="application/pdf"
    )
    return _attachment(response, certificate.file_name)


@login_required
@require_GET
def badge_json(request, pk: int):
    """The OpenBadgeCredential, for reading; the signed form is badge.jwt."""
    certificate = _own_or_staff(request, pk)
    credential = credential_from_jwt(certificate.badge_jwt)
    response = HttpResponse(
        json.dumps(credential, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
    return _attachment(response, certificate.file_name.replace(".pdf", ".json"))


@login_required
@require_GET
def badge_jwt(request, pk: int):
    """The credential as a VC-JWT: what a wallet or a verifier takes."""
    certificate = _own_or_staff(request, pk)
    response = HttpResponse(certificate.badge_jwt, content_type="application/jwt")
    return _attachment(response, certificate.file_name.replace(".pdf", ".jwt"))
