"""Open Badges 3.0: the credential fits the schema the project wrote from the
specification; its VC-JWT verifies with the published JWKS and fails after any
tampering; revocation shows in the Bitstring Status List."""

import base64
import datetime as dt
import json

import jwt
import pytest
from django.urls import reverse

from certificates.badges import (
    credential_from_jwt,
    status_bit,
    status_bits_decode,
)
from certificates.services import certificate_reissue, certificate_revoke

from .badge_checks import UndefinedTerm, badge_schema_validator, jsonld_expand_strict

pytestmark = pytest.mark.django_db


def _b64decode(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _b64encode(document: dict) -> str:
    raw = json.dumps(document, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _verify(client, token: str) -> dict:
    """Verify a VC-JWT as Open Badges 3.0 tells a verifier to: dereference the
    `kid` to a JWK of the published JWKS, check the signature, then the claims."""
    header = jwt.get_unverified_header(token)
    jwks_url, _, _thumbprint = header["kid"].partition("#")
    assert jwks_url == "https://campus.example.org" + reverse("certificates:jwks")
    jwk_set = jwt.PyJWKSet.from_dict(client.get(reverse("certificates:jwks")).json())
    key = next(k for k in jwk_set.keys if k.key_id == header["kid"])
    payload = jwt.decode(
        token,
        key.key,
        algorithms=["RS256"],
        options={"require": ["iss", "nbf", "sub", "jti"]},
    )
    assert payload["iss"] == payload["issuer"]["id"]
    assert payload["jti"] == payload["id"]
    assert payload["sub"] == payload["credentialSubject"]["id"]
    valid_from = dt.datetime.fromisoformat(payload["validFrom"].replace("Z", "+00:00"))
    assert payload["nbf"] == int(valid_from.timestamp())
    return payload


def _errors(validator, document) -> list[str]:
    return [error.message for error in validator.iter_errors(document)]


def test_the_credential_is_a_valid_open_badge_credential(issued):
    credential = credential_from_jwt(issued.badge_jwt)
    assert _errors(badge_schema_validator(), credential) == []
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    subject = credential["credentialSubject"]
    assert subject["achievement"]["name"].startswith("사회적기업 창업 기초")
    assert subject["creditsEarned"] == 24
    assert subject["identifier"][0]["identityHash"].startswith("sha256$")
    assert issued.learner.email not in json.dumps(credential)  # hashed, never plain


def test_the_credential_expands_against_the_published_contexts(issued):
    """JSON-LD expansion with pyld against W3C's and 1EdTech's own contexts:
    every member and type is defined there, none dropped or left vague."""
    credential = credential_from_jwt(issued.badge_jwt)
    expanded = jsonld_expand_strict(credential)
    types = expanded[0]["@type"]
    assert (
        "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential" in types
    )
    assert "https://www.w3.org/2018/credentials#VerifiableCredential" in types


def test_an_undefined_member_fails_the_json_ld_check(issued):
    credential = credential_from_jwt(issued.badge_jwt)
    with pytest.raises(UndefinedTerm):
        jsonld_expand_strict({**credential, "campusFavouriteColour": "blue"})
    subject = {**credential["credentialSubject"], "seatNumber": 7}
    with pytest.raises(UndefinedTerm):
        jsonld_expand_strict({**credential, "credentialSubject": subject})


def test_the_key_id_fragment_is_the_rfc_7638_thumbprint(client, issued):
    """Computed here by hand from RFC 7638, independently of jwcrypto."""
    import hashlib

    header = jwt.get_unverified_header(issued.badge_jwt)
    thumbprint = header["kid"].partition("#")[2]
    key = client.get(reverse("certificates:jwks")).json()["keys"][0]
    members = {name: key[name] for name in ("e", "kty", "n")}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    expected = base64.urlsafe_b64encode(hashlib.sha256(canonical).digest())
    assert thumbprint == expected.rstrip(b"=").decode()


def test_the_jwt_header_and_payload_fit_the_proof_format(issued):
    header_part, payload_part, _signature = issued.badge_jwt.split(".")
    header = _b64decode(header_part)
    assert set(header) == {"alg", "kid", "typ"} and header["alg"] == "RS256"
    assert _errors(badge_schema_validator("JoseHeader"), header) == []
    assert _errors(badge_schema_validator("JwtPayload"), _b64decode(payload_part)) == []


def test_the_schema_refuses_what_the_specification_requires(issued):
    credential = credential_from_jwt(issued.badge_jwt)
    validator = badge_schema_validator()
    for member in ("issuer", "validFrom", "credentialSubject", "@context", "name"):
        broken = {k: v for k, v in credential.items() if k != member}
        assert _errors(validator, broken), member
    wrong_type = {**credential, "type": ["VerifiableCredential"]}
    assert _errors(validator, wrong_type)
    achievement = dict(credential["credentialSubject"]["achievement"])
    del achievement["criteria"]
    assert _errors(badge_schema_validator("Achievement"), achievement)
    assert _errors(badge_schema_validator("Profile"), {"id": "https://x.example"})
    subject = dict(credential["credentialSubject"])
    del subject["id"], subject["identifier"]
    assert _errors(badge_schema_validator("AchievementSubject"), subject)


def test_the_signature_verifies_with_the_published_jwks(client, issued):
    payload = _verify(client, issued.badge_jwt)
    assert payload["credentialSubject"]["achievement"]["creditsAvailable"] == 24


def test_the_jwks_never_publishes_the_private_key(client):
    keys = client.get(reverse("certificates:jwks")).json()["keys"]
    assert keys and all("d" not in key and "p" not in key for key in keys)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda payload: payload["credentialSubject"].update(creditsEarned=240),
        lambda payload: payload.update(name="다른 이름"),
        lambda payload: payload["issuer"].update(name="Fake Academy"),
        lambda payload: payload.update(nbf=payload["nbf"] - 86400),
    ],
    ids=["hours", "name", "issuer", "date"],
)
def test_any_change_to_the_payload_breaks_the_signature(client, issued, tamper):
    header, payload_part, signature = issued.badge_jwt.split(".")
    payload = _b64decode(payload_part)
    tamper(payload)
    forged = ".".join([header, _b64encode(payload), signature])
    with pytest.raises(jwt.InvalidSignatureError):
        _verify(client, forged)


def test_a_changed_signature_or_header_fails(client, issued):
    header, payload, signature = issued.badge_jwt.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    with pytest.raises(jwt.InvalidSignatureError):
        _verify(client, ".".join([header, payload, flipped]))
    none_header = _b64encode({"alg": "none", "kid": _b64decode(header)["kid"]})
    with pytest.raises(jwt.InvalidAlgorithmError):
        _verify(client, ".".join([none_header, payload, signature]))


def _revoked_in_list(client, certificate) -> bool:
    token = client.get(reverse("certificates:badge-status-list")).content.decode()
    status_list = _verify_status_list(client, token)
    entry = credential_from_jwt(certificate.badge_jwt)["credentialStatus"]
    assert entry["statusListCredential"] == status_list["id"]
    bits = status_bits_decode(status_list["credentialSubject"]["encodedList"])
    assert len(bits) * 8 >= 131_072  # the recommendation's herd-privacy minimum
    return status_bit(bits, int(entry["statusListIndex"]))


def _verify_status_list(client, token: str) -> dict:
    header = jwt.get_unverified_header(token)
    jwk_set = jwt.PyJWKSet.from_dict(client.get(reverse("certificates:jwks")).json())
    key = next(k for k in jwk_set.keys if k.key_id == header["kid"])
    document = jwt.decode(token, key.key, algorithms=["RS256"])
    assert not _errors(
        badge_schema_validator("BitstringStatusListCredential"), document
    )
    return document


def test_revocation_shows_in_the_status_list(client, issued, staff):
    assert _revoked_in_list(client, issued) is False
    certificate_revoke(certificate=issued, actor=staff, reason="부정 이수 확인")
    assert _revoked_in_list(client, issued) is True


def test_a_replaced_certificate_is_revoked_for_verifiers_and_its_successor_not(
    client, issued, staff
):
    new = certificate_reissue(certificate=issued, actor=staff, reason="이름 수정")
    assert _revoked_in_list(client, issued) is True
    assert _revoked_in_list(client, new) is False


def test_issuer_profile_and_achievement_endpoints_fit_the_schema(client, issued):
    profile = client.get(reverse("certificates:badge-issuer")).json()
    assert _errors(badge_schema_validator("Profile"), profile) == []
    credential = credential_from_jwt(issued.badge_jwt)
    assert credential["issuer"]["id"] == profile["id"]
    achievement_url = credential["credentialSubject"]["achievement"]["id"]
    path = achievement_url.removeprefix("https://campus.example.org")
    achievement = client.get(path).json()
    assert _errors(badge_schema_validator("Achievement"), achievement) == []
    assert achievement["id"] == achievement_url
