"""Open Badges 3.0: each certificate as an OpenBadgeCredential.

The credential follows the Verifiable Credentials data model 2.0 and is
secured as a VC-JWT (the "JSON Web Token proof format" of Open Badges 3.0):
the JWT payload is the credential itself plus `iss`, `jti`, `nbf` and `sub`,
signed RS256 with the platform's key, whose public half is published as a
JWKS. The issuer is one Profile, the education center; each course is an
Achievement with a stable URL.

Revocation is a W3C Bitstring Status List: every credential names its bit in
the platform's revocation list (its index is the certificate's primary key),
and the list credential, itself a signed VC-JWT, sets the bits of revoked and
superseded certificates. The list is rebuilt when a certificate is revoked or
replaced.
"""

import base64
import datetime as dt
import gzip
import hashlib
import json
import uuid

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from lms.core.site_url import absolute_url as site_absolute_url
from lms.core.site_url import public_base_url

from .signing import jwt_sign

OB_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
VC_CONTEXT = ["https://www.w3.org/ns/credentials/v2"]
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json"
)
# the herd-privacy minimum of the Bitstring Status List recommendation: 16 KiB
STATUS_LIST_MIN_BITS = 131_072
STATUS_LIST_CACHE_KEY = "certificates:status-list:v1"
STATUS_LIST_CACHE_SECONDS = 300


def absolute_url(name: str, *args) -> str:
    """An absolute, unprefixed (Korean, the default language) URL of the site."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(name, args=args)
    return site_absolute_url(path)


def verify_url(code: str) -> str:
    return absolute_url("certificates:verify", code)


def _iso(moment: dt.datetime) -> str:
    return (
        moment.astimezone(dt.UTC)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z")
    )


def _day_start(day: dt.date | None) -> str | None:
    if day is None:
        return None
    return _iso(timezone.make_aware(dt.datetime.combine(day, dt.time.min)))


def issuer_name() -> tuple[str, str]:
    return (
        getattr(settings, "CERTIFICATES_ISSUER_NAME_KO", "")
        or "사회적경제 네트워크 혁신타운 교육센터",
        getattr(settings, "CERTIFICATES_ISSUER_NAME_EN", "")
        or "Social Economy Network Innovation Town Education Center",
    )


def issuer_profile(*, with_context: bool = False) -> dict:
    """The issuer's Profile: the education center that runs Campus."""
    name_ko, name_en = issuer_name()
    profile = {
        "id": absolute_url("certificates:badge-issuer"),
        "type": ["Profile"],
        "name": f"{name_ko} ({name_en})",
        "url": public_base_url() + "/",
        "description": name_en,
    }
    email = getattr(settings, "CERTIFICATES_ISSUER_EMAIL", "")
    if email:
        profile["email"] = email
    if with_context:
        profile = {"@context": OB_CONTEXT, **profile}
    return profile


def achievement_id(translation_key: uuid.UUID | str) -> str:
    return absolute_url("certificates:badge-achievement", str(translation_key))


def achievement(
    *, translation_key, title_ko: str, title_en: str, summary: str, hours
) -> dict:
    """A course as an Achievement; the same for every run and language."""
    name = title_ko if title_ko == title_en else f"{title_ko} ({title_en})"
    return {
        "id": achievement_id(translation_key),
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": name,
        "description": summary or name,
        "criteria": {
            "narrative": (
                "과정의 이수 요건(필수 차시, 평가, 출석)을 모두 충족하였습니다. "
                "Met every completion requirement of the course "
                "(required lessons, assessments and attendance)."
            )
        },
        "creditsAvailable": float(hours),
        "inLanguage": "ko",
    }


def subject_id(learner_id: int) -> str:
    """A stable, opaque id for a learner: no e-mail or database id leaks out."""
    digest = salted_hmac("certificates.badge-subject", str(learner_id)).hexdigest()
    return f"urn:uuid:{uuid.UUID(digest[:32])}"


def email_identity(email: str, *, salt: str) -> dict:
    """An IdentityObject: the e-mail hashed with a salt, so the holder can
    prove it is theirs and nobody else can read it."""
    digest = hashlib.sha256((email.lower() + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def status_entry(index: int) -> dict:
    list_url = absolute_url("certificates:badge-status-list")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def credential_for(
    certificate, *, course_translation_key, course_summary: str, learner_email: str
) -> dict:
    """The OpenBadgeCredential of an issued certificate (before signing)."""
    title_ko, title_en = certificate.course_title_ko, certificate.course_title_en
    subject = {
        "id": subject_id(certificate.learner_id),
        "type": ["AchievementSubject"],
        "identifier": [
            email_identity(learner_email, salt=certificate.code[:16]),
        ],
        "achievement": achievement(
            translation_key=course_translation_key,
            title_ko=title_ko,
            title_en=title_en,
            summary=course_summary,
            hours=certificate.credit_hours,
        ),
        "creditsEarned": float(certificate.credit_hours),
    }
    start, end = _day_start(certificate.started_on), _day_start(certificate.ended_on)
    if start:
        subject["activityStartDate"] = start
    if end:
        subject["activityEndDate"] = end
    name_en = certificate.learner_name_en or certificate.learner_name_ko
    return {
        "@context": OB_CONTEXT,
        "id": f"urn:uuid:{certificate.credential_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"이수증: {title_ko} (Certificate of Completion: {title_en})",
        "description": (
            f"{certificate.learner_name_ko} ({name_en}) · {certificate.serial}"
        ),
        "issuer": issuer_profile(),
        "validFrom": _iso(certificate.issued_at),
        "credentialSubject": subject,
        "credentialStatus": status_entry(certificate.pk),
        "credentialSchema": [
            {"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
        ],
    }


def credential_sign(credential: dict) -> str:
    """The VC-JWT: the credential as JWT payload, with the registered claims
    Open Badges 3.0 requires copied from it."""
    valid_from = dt.datetime.fromisoformat(
        credential["validFrom"].replace("Z", "+00:00")
    )
    payload = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(valid_from.timestamp()),
        "sub": credential["credentialSubject"]["id"],
    }
    return jwt_sign(payload)


def credential_from_jwt(token: str) -> dict:
    """The credential inside one of our own VC-JWTs (no verification: we signed
    it; verifiers check it against the JWKS)."""
    payload_part = token.split(".")[1]
    payload = json.loads(
        base64.urlsafe_b64decode(payload_part + "=" * (-len(payload_part) % 4))
    )
    for claim in ("iss", "jti", "nbf", "sub", "exp"):
        payload.pop(claim, None)
    return payload


# --- the revocation list ------------------------------------------------------------


def status_bits_encode(indexes, *, size: int) -> str:
    """A Bitstring Status List's `encodedList`: the bits (index 0 is the most
    significant bit of the first byte), GZIP-compressed, multibase base64url."""
    data = bytearray((size + 7) // 8)
    for index in indexes:
        data[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(data), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def status_bits_decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url ('u' prefix)")
    raw = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))


def status_bit(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential() -> str:
    """The signed BitstringStatusListCredential of revoked certificates.

    Cached under a key made of the revocations themselves (how many, the
    latest), read with one small query: a revocation retires the cached list
    the moment it commits, whoever serves the next request.
    """
    from .selectors import certificate_ids_not_valid, certificate_status_version

    key = f"{STATUS_LIST_CACHE_KEY}:{certificate_status_version()}"
    token = cache.get(key)
    if token is not None:
        return token

    revoked, highest = certificate_ids_not_valid()
    size = max(
        STATUS_LIST_MIN_BITS,
        ((highest // STATUS_LIST_MIN_BITS) + 1) * STATUS_LIST_MIN_BITS,
    )
    url = absolute_url("certificates:badge-status-list")
    now = timezone.now()
    issuer = issuer_profile()["id"]
    credential = {
        "@context": VC_CONTEXT,
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": _iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status_bits_encode(revoked, size=size),
        },
    }
    token = jwt_sign(
        {
            **credential,
            "iss": issuer,
            "jti": url,
            "nbf": int(now.timestamp()),
            "sub": credential["credentialSubject"]["id"],
        }
    )
    cache.set(key, token, STATUS_LIST_CACHE_SECONDS)
    return token
