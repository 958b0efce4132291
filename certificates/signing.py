"""The platform's signing key for Open Badges, and its public JWKS.

The key is an RSA key (Open Badges 3.0 requires verifiers to support RS256).
It comes from CERTIFICATES_SIGNING_KEY (a PEM, `\\n` escapes allowed) or
CERTIFICATES_SIGNING_KEY_FILE (a path). Without either, a key is generated on
first use and kept in private storage, so a development site keeps verifying
what it issued across restarts; production should set one of the two and
back it up (see README, "Certificates").
"""

import hashlib
import threading

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from jwcrypto.jwk import JWK

ALGORITHM = "RS256"
KEY_NAME = "certificates/keys/badge-signing-key.pem"

_lock = threading.Lock()
_keys: dict[str, rsa.RSAPrivateKey] = {}


def _storage():
    from django.core.files.storage import storages

    return storages["private"]


def _configured_pem() -> bytes | None:
    text = getattr(settings, "CERTIFICATES_SIGNING_KEY", "")
    if text:
        return text.replace("\\n", "\n").encode()
    path = getattr(settings, "CERTIFICATES_SIGNING_KEY_FILE", "")
    if path:
        with open(path, "rb") as handle:
            return handle.read()
    return None


def _stored_pem() -> bytes:
    """The development key from private storage, generated the first time.

    Two processes starting at once may both generate one: storage saves the
    second under another name, which is deleted, and both use the first.
    """
    storage = _storage()
    if not storage.exists(KEY_NAME):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        saved = storage.save(KEY_NAME, ContentFile(pem))
        if saved != KEY_NAME:
            storage.delete(saved)
    with storage.open(KEY_NAME, "rb") as handle:
        return handle.read()


def key_is_configured() -> bool:
    return _configured_pem() is not None


def signing_key() -> rsa.RSAPrivateKey:
    """The private key, loaded once per process and source."""
    configured = _configured_pem()
    if configured:
        source = "configured:" + hashlib.sha256(configured).hexdigest()
    else:
        source = "stored:" + str(getattr(_storage(), "location", ""))
    key = _keys.get(source)
    if key is not None:
        return key
    with _lock:
        pem = configured or _stored_pem()
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 2048:
            raise ImproperlyConfigured(
                "CERTIFICATES_SIGNING_KEY must be an RSA private key "
                "of 2048 bits or more."
            )
        _keys[source] = key
    return key


def public_jwk(key: rsa.RSAPrivateKey | None = None) -> dict:
    """The public half as a JWK (never `d`), with its RFC 7638 thumbprint
    (computed by jwcrypto, not by hand)."""
    public = JWK.from_pyca((key or signing_key()).public_key())
    members = public.export_public(as_dict=True)
    return {
        "e": members["e"],
        "kty": members["kty"],
        "n": members["n"],
        "alg": ALGORITHM,
        "use": "sig",
        "thumbprint": public.thumbprint(),
    }


def key_id() -> str:
    """`kid`: the JWKS URL with the key's thumbprint as fragment (dereferenceable)."""
    from .badges import absolute_url

    return absolute_url("certificates:jwks") + "#" + public_jwk()["thumbprint"]


def jwks() -> dict:
    jwk = public_jwk()
    thumbprint = jwk.pop("thumbprint")
    from .badges import absolute_url

    return {
        "keys": [{**jwk, "kid": absolute_url("certificates:jwks") + "#" + thumbprint}]
    }


def jwt_sign(payload: dict) -> str:
    """A compact JWS of `payload` with the JOSE header Open Badges 3.0 allows:
    `alg`, `kid` and `typ` and nothing else."""
    return jwt.encode(
        payload,
        signing_key(),
        algorithm=ALGORITHM,
        headers={"kid": key_id(), "typ": "JWT"},
    )
