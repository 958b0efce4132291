"""Open Badges endpoints for verifiers: the issuer, the key, the achievements
and the revocation list. Public, stable, unprefixed URLs."""

import json

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from courses.models import CoursePage

from ..badges import achievement, issuer_profile, status_list_credential
from ..signing import jwks as jwks_document


def _public(response, *, max_age: int = 300):
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def _json(document: dict, *, content_type: str = "application/json", max_age=300):
    return _public(
        HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2),
            content_type=f"{content_type}; charset=utf-8",
        ),
        max_age=max_age,
    )


@require_GET
def issuer(request):
    return _json(issuer_profile(with_context=True), content_type="application/ld+json")


@require_GET
def jwks(request):
    return _json(jwks_document(), content_type="application/jwk-set+json", max_age=3600)


@require_GET
def achievement_detail(request, key):
    """A course as an Achievement: any translation of it, titled in both."""
    pages = {
        page.locale.language_code: page
        for page in CoursePage.objects.live()
        .filter(translation_key=key)
        .select_related("locale")
    }
    if not pages:
        raise Http404
    korean = pages.get("ko") or next(iter(pages.values()))
    english = pages.get("en") or korean
    document = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        **achievement(
            translation_key=key,
            title_ko=korean.title,
            title_en=english.title,
            summary=korean.summary,
            hours=korean.credit_hours,
        ),
    }
    return _json(document, content_type="application/ld+json")


@require_GET
def status_list(request):
    """The revocation list as a signed BitstringStatusListCredential (VC-JWT)."""
    response = HttpResponse(status_list_credential(), content_type="application/jwt")
    return _public(response, max_age=60)
