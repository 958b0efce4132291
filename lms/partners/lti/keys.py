"""Campus's own signing keys: generation, rotation with overlap, the JWKS.

Private keys are stored encrypted (Fernet) with a key from the environment
(`LTI_KEY_ENCRYPTION_KEY`), so a database dump alone does not let anyone sign
as Campus.
"""

import base64
import hashlib
import json
import secrets
import time
from datetime import timedelta

import jwt
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import LtiToolKey


class ToolKeyError(Exception):
    """The tool's private key cannot be used (wrong encryption key?)."""


def _fernet() -> Fernet:
    secret = settings.LTI_KEY_ENCRYPTION_KEY or settings.SECRET_KEY
    digest = hashlib.sha256(("campus-lti-keys:" + secret).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def private_key_encrypt(pem: bytes) -> str:
    return _fernet().encrypt(pem).decode("ascii")


def private_key_decrypt(token: str) -> bytes:
    try:
        return _fernet().decrypt(token.encode("ascii"))
    except InvalidToken as error:
        raise ToolKeyError("LTI_KEY_ENCRYPTION_KEY does not open this key") from error


def _public_jwk(private_key, kid: str) -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private_key.public_key()))
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


@transaction.atomic
def tool_key_rotate(*, now=None) -> LtiToolKey:
    """Make a new signing key; the old one stays published for the overlap.

    Keys whose overlap has ended are deleted: nothing signed with them can
    still be valid.
    """
    now = now or timezone.now()
    overlap = timedelta(days=settings.LTI_KEY_OVERLAP_DAYS)
    tool_keys = LtiToolKey.objects.filter(purpose=LtiToolKey.Purpose.TOOL)
    tool_keys.select_for_update().filter(is_current=True).update(
        is_current=False, retired_at=now, published_until=now + overlap
    )
    tool_keys.filter(is_current=False, published_until__lte=now).delete()
    return _key_create(kid=f"{now:%Y%m%d}-{secrets.token_hex(4)}", now=now)


def _key_create(*, kid: str, now, purpose=LtiToolKey.Purpose.TOOL) -> LtiToolKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return LtiToolKey.objects.create(
        kid=kid,
        purpose=purpose,
        public_jwk=_public_jwk(private, kid),
        private_key_encrypted=private_key_encrypt(pem),
        is_current=purpose == LtiToolKey.Purpose.TOOL,
        created_at=now,
    )


def demo_platform_key() -> LtiToolKey:
    """The demo platform's own key (made once; never in the tool's JWKS)."""
    key = LtiToolKey.objects.filter(purpose=LtiToolKey.Purpose.DEMO_PLATFORM).first()
    return key or _key_create(
        kid="demo-platform",
        now=timezone.now(),
        purpose=LtiToolKey.Purpose.DEMO_PLATFORM,
    )


def tool_key_current() -> LtiToolKey:
    """The key that signs now, made on first use."""
    key = LtiToolKey.objects.filter(
        is_current=True, purpose=LtiToolKey.Purpose.TOOL
    ).first()
    return key or tool_key_rotate()


def tool_jwks() -> dict:
    """The public keys a platform uses to check what Campus signs."""
    keys = LtiToolKey.objects.published().order_by("-created_at")
    return {"keys": [key.public_jwk for key in keys]}


def tool_jwt_sign(claims: dict, *, lifetime: int = 300) -> str:
    """Sign `claims` with the current key (RS256, kid in the header)."""
    key = tool_key_current()
    now = int(time.time())
    payload = {"iat": now, "exp": now + lifetime, **claims}
    pem = private_key_decrypt(key.private_key_encrypted)
    return jwt.encode(payload, pem, algorithm="RS256", headers={"kid": key.kid})
