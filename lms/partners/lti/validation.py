"""OIDC login initiation and launch validation, on PyJWT.

Nothing here writes to the database. The only writes are to the shared cache:
the login state (so that any worker can finish the launch) and, as the very
last step once every other check has passed, the nonce, consumed with an
atomic add so that a replayed id_token is refused by every worker.
"""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import jwt
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from lms.core.errors import CampusError

from ..models import LtiDeployment, LtiPlatform
from .http import LtiHttpError, lti_fetch
from .selectors import deployment_of, platform_active

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
MESSAGE_TYPE = LTI + "message_type"
VERSION = LTI + "version"
DEPLOYMENT_ID = LTI + "deployment_id"
ROLES = LTI + "roles"
RESOURCE_LINK = LTI + "resource_link"
CONTEXT = LTI + "context"
TARGET_LINK_URI = LTI + "target_link_uri"
CUSTOM = LTI + "custom"
LAUNCH_PRESENTATION = LTI + "launch_presentation"
DEEP_LINKING_SETTINGS = (
    "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
)
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"

RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest"
DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest"
MESSAGE_TYPES = (RESOURCE_LINK_REQUEST, DEEP_LINKING_REQUEST)

STATE_TTL = 600  # seconds between login initiation and launch
STATE_COOKIE = "campus_lti_state_"
JWKS_TTL = 3600
JWKS_REFETCH_EVERY = 10  # at most one refetch per platform in this many seconds


class LtiRefused(CampusError):
    """A login or launch that Campus refuses, with a message for the user."""

    default_message = _("Campus could not open this link.")
    code = "lti_refused"


class LtiCookiesBlocked(LtiRefused):
    """The browser did not send back the state cookie (third-party cookies
    blocked): the launch can be redone in a window of its own."""

    status = 401
    code = "lti_cookies_blocked"

    def __init__(
        self, message, *, login: dict, platform_uuid: str, storage_target: str = ""
    ):
        super().__init__(message)
        self.login = login
        self.platform_uuid = platform_uuid
        self.storage_target = storage_target


@dataclass
class LoginStart:
    """Where to send the browser next, and the state to bind to it."""

    platform: LtiPlatform
    state: str
    redirect_url: str
    storage_target: str = ""
    nonce: str = ""


@dataclass
class Launch:
    """A validated launch: the platform, the deployment and the claims."""

    platform: LtiPlatform
    deployment: LtiDeployment
    claims: dict
    message_type: str = field(init=False)

    def __post_init__(self):
        self.message_type = self.claims[MESSAGE_TYPE]


# --- login initiation -------------------------------------------------------------


def _platform_for_login(*, params, platform_uuid: str | None) -> LtiPlatform:
    issuer = params.get("iss", "")
    if not issuer:
        raise LtiRefused(_("The platform did not say who it is (no issuer)."))
    client_id = params.get("client_id")
    if platform_uuid:  # the registration's own login URL: one cached row
        platform = platform_active(uuid=platform_uuid)
        found = [platform] if platform is not None else []
        if found and (platform.issuer, platform.client_id) != (
            issuer,
            client_id or platform.client_id,
        ):
            found = []
    else:
        platforms = LtiPlatform.objects.filter(issuer=issuer, is_active=True)
        if client_id:
            platforms = platforms.filter(client_id=client_id)
        found = list(platforms[:2])
    if len(found) != 1:
        raise LtiRefused(
            _("This platform is not registered with Campus."),
            status=403,
            code="lti_unknown_platform",
        )
    return found[0]


def storage_value(state: str) -> str:
    """What the platform's client-side storage holds for `state`: a MAC that
    only Campus can compute, so a launch without cookies still proves that it
    comes back to the browser that started it."""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"lti-state:" + state.encode(), hashlib.sha256
    ).hexdigest()


def login_start(*, params, platform_uuid: str | None = None) -> LoginStart:
    """Check a third-party login initiation and prepare the auth request."""
    platform = _platform_for_login(params=params, platform_uuid=platform_uuid)
    login_hint = params.get("login_hint", "")
    target = params.get("target_link_uri", "")
    if not login_hint or not target:
        raise LtiRefused(_("The login request is incomplete (login hint or target)."))
    if urlsplit(target).scheme not in ("http", "https"):
        raise LtiRefused(_("The launch target is not a web address."))
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    login = {
        key: params[key]
        for key in (
            "iss",
            "login_hint",
            "lti_message_hint",
            "target_link_uri",
            "client_id",
            "lti_deployment_id",
        )
        if params.get(key)
    }
    storage_target = params.get("lti_storage_target", "")
    cache.set(
        "lti:state:" + state,
        {
            "platform": platform.pk,
            "nonce": nonce,
            "login": login,
            "storage": storage_target,
        },
        STATE_TTL,
    )
    query = {
        "scope": "openid",
        "response_type": "id_token",
        "response_mode": "form_post",
        "prompt": "none",
        "client_id": platform.client_id,
        "redirect_uri": params["_launch_url"],
        "login_hint": login_hint,
        "state": state,
        "nonce": nonce,
    }
    if params.get("lti_message_hint"):
        query["lti_message_hint"] = params["lti_message_hint"]
    separator = "&" if "?" in platform.auth_url else "?"
    return LoginStart(
        platform=platform,
        state=state,
        nonce=nonce,
        redirect_url=platform.auth_url + separator + urlencode(query),
        storage_target=storage_target,
    )


# --- the platform's keys ----------------------------------------------------------


def _jwks_fetch(platform: LtiPlatform) -> dict:
    try:
        keys = lti_fetch(platform.jwks_url, headers={"Accept": "application/json"})
        data = keys.json()
    except (LtiHttpError, ValueError) as error:
        raise LtiRefused(
            _("The platform's public keys could not be read. Try again later."),
            status=424,
            code="lti_jwks_unavailable",
        ) from error
    found = {
        k["kid"]: k for k in data.get("keys", []) if isinstance(k, dict) and "kid" in k
    }
    cache.set(f"lti:jwks:{platform.pk}", found, JWKS_TTL)
    return found


def platform_key(platform: LtiPlatform, kid: str) -> dict | None:
    """The platform's JWK `kid`, refetching the JWKS once if it is unknown
    (platforms rotate keys), at most once every few seconds per platform."""
    if platform.jwks:
        keys = {k.get("kid"): k for k in platform.jwks.get("keys", [])}
        return keys.get(kid)
    if not platform.jwks_url:
        return None
    keys = cache.get(f"lti:jwks:{platform.pk}")
    if keys is None:
        keys = _jwks_fetch(platform)
    elif kid not in keys and cache.add(
        f"lti:jwks-refetch:{platform.pk}", 1, JWKS_REFETCH_EVERY
    ):
        keys = _jwks_fetch(platform)
    return keys.get(kid)


# --- the launch -------------------------------------------------------------------


def _browser_bound(*, state: str, entry: dict, cookies, storage: str) -> bool:
    if hmac.compare_digest(cookies.get(STATE_COOKIE + state[:16], ""), state):
        return True
    return bool(
        entry.get("storage")
        and storage
        and hmac.compare_digest(storage, storage_value(state))
    )


def _decode(id_token: str, platform: LtiPlatform) -> dict:
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError as error:
        raise LtiRefused(_("The launch is not a valid signed token.")) from error
    if header.get("alg") != "RS256":
        raise LtiRefused(_("The launch is signed with an algorithm Campus refuses."))
    kid = header.get("kid")
    if not kid:
        raise LtiRefused(_("The launch token does not name its key (no kid)."))
    jwk = platform_key(platform, kid)
    if jwk is None:
        raise LtiRefused(
            _("The launch is signed with a key the platform does not publish."),
            status=401,
        )
    try:
        key = jwt.PyJWK(jwk, algorithm="RS256")
        return jwt.decode(
            id_token,
            key=key,
            algorithms=["RS256"],
            audience=platform.client_id,
            issuer=platform.issuer,
            leeway=settings.LTI_CLOCK_LEEWAY,
            options={"require": ["exp", "iat", "iss", "aud", "nonce"]},
        )
    except (jwt.ExpiredSignatureError, jwt.ImmatureSignatureError) as error:
        raise LtiRefused(
            _("The launch has expired or is dated in the future. Launch again."),
            status=401,
        ) from error
    except jwt.InvalidAudienceError as error:
        raise LtiRefused(
            _("The launch is meant for another tool."), status=401
        ) from error
    except jwt.InvalidIssuerError as error:
        raise LtiRefused(
            _("The launch comes from another platform."), status=401
        ) from error
    except jwt.PyJWTError as error:
        raise LtiRefused(
            _("The launch's signature or claims are not valid."), status=401
        ) from error


def _require(claims: dict, key: str, message) -> object:
    value = claims.get(key)
    if value in (None, "", {}):
        raise LtiRefused(message)
    return value


def launch_validate(*, id_token: str, state: str, cookies, storage: str = "") -> Launch:
    """Every check of an LTI 1.3 launch, in an order that writes nothing until
    the last step (the nonce)."""
    if not id_token or not state:
        raise LtiRefused(_("The launch is incomplete (no id_token or state)."))
    entry = cache.get("lti:state:" + state)
    if entry is None:
        raise LtiRefused(
            _("This launch has expired or was already used. Launch again."),
            status=401,
            code="lti_state_unknown",
        )
    try:
        unverified = jwt.decode(id_token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise LtiRefused(_("The launch is not a valid signed token.")) from error
    platform = platform_active(pk=entry["platform"])
    if platform is None or unverified.get("iss") != platform.issuer:
        raise LtiRefused(_("The launch comes from another platform."), status=401)
    if not _browser_bound(state=state, entry=entry, cookies=cookies, storage=storage):
        raise LtiCookiesBlocked(
            _(
                "Your browser blocked the cookie that ties this launch to you, "
                "as it does inside other sites' frames. Open it in a new window."
            ),
            login=entry["login"],
            platform_uuid=str(platform.uuid),
            storage_target=entry.get("storage") or "",
        )
    claims = _decode(id_token, platform)
    audience = claims["aud"]
    if isinstance(audience, list) and (len(audience) > 1 or "azp" in claims):
        if claims.get("azp") != platform.client_id:
            raise LtiRefused(_("The launch is meant for another tool."), status=401)
    elif "azp" in claims and claims["azp"] != platform.client_id:
        raise LtiRefused(_("The launch is meant for another tool."), status=401)
    now = time.time()
    if claims["iat"] < now - settings.LTI_MAX_TOKEN_AGE:
        raise LtiRefused(
            _("The launch has expired or is dated in the future. Launch again."),
            status=401,
        )
    if not hmac.compare_digest(str(claims["nonce"]), entry["nonce"]):
        raise LtiRefused(_("The launch does not answer this login."), status=401)
    if claims.get(VERSION) != "1.3.0":
        raise LtiRefused(
            _("Campus speaks LTI 1.3.0; the launch speaks another version.")
        )
    message_type = claims.get(MESSAGE_TYPE)
    if not message_type:
        raise LtiRefused(_("The launch does not say what kind of message it is."))
    if message_type not in MESSAGE_TYPES:
        raise LtiRefused(_("Campus does not handle this kind of LTI message."))
    deployment_id = _require(
        claims, DEPLOYMENT_ID, _("The launch does not name its deployment.")
    )
    deployment = deployment_of(platform=platform, deployment_id=deployment_id)
    if deployment is None:
        raise LtiRefused(
            _("This deployment of Campus is not registered."),
            status=403,
            code="lti_unknown_deployment",
        )
    _require(claims, "sub", _("The launch does not say who the user is (no sub)."))
    if not isinstance(claims.get(ROLES), list):
        raise LtiRefused(_("The launch does not list the user's roles."))
    if message_type == RESOURCE_LINK_REQUEST:
        link = claims.get(RESOURCE_LINK)
        if not isinstance(link, dict) or not link.get("id"):
            raise LtiRefused(_("The launch does not name its resource link."))
        _require(claims, TARGET_LINK_URI, _("The launch does not say where to go."))
    else:
        dl_settings = claims.get(DEEP_LINKING_SETTINGS)
        if not isinstance(dl_settings, dict) or not dl_settings.get(
            "deep_link_return_url"
        ):
            raise LtiRefused(_("The deep linking request has no return address."))
    # last: consume the nonce; a second use of this id_token, on any worker, fails
    lifetime = int(claims["exp"] - now) + settings.LTI_CLOCK_LEEWAY + 1
    if not cache.add(f"lti:nonce:{platform.pk}:{claims['nonce']}", 1, max(lifetime, 1)):
        raise LtiRefused(
            _("This launch was already used. Launch again from your course."),
            status=401,
            code="lti_replay",
        )
    cache.delete("lti:state:" + state)
    return Launch(platform=platform, deployment=deployment, claims=claims)
