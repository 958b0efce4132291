"""Assignment and Grade Services and the client-credentials token they need."""

import hashlib
import json
import secrets
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from ..models import LtiContext, LtiIdentity, LtiLineItem, LtiPlatform
from .http import LtiHttpError, lti_fetch
from .keys import tool_jwt_sign
from .selectors import AGS_LINEITEM_SCOPE, AGS_SCORE_SCOPE

LINEITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json"
LINEITEMS_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json"
SCORE_TYPE = "application/vnd.ims.lis.v1.score+json"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


class LtiServiceError(Exception):
    """A platform service call failed; `retryable` says if trying later helps."""

    def __init__(self, message: str, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable

    def __reduce__(self):  # Celery pickles task errors between processes
        return (self.__class__, (str(self), self.retryable))


def _token_key(platform: LtiPlatform, scopes: list[str]) -> str:
    digest = hashlib.sha256(" ".join(sorted(scopes)).encode()).hexdigest()[:16]
    return f"lti:token:{platform.pk}:{digest}"


def access_token(platform: LtiPlatform, scopes: list[str]) -> str:
    """A bearer token from the platform's token endpoint (client credentials
    with a signed JWT assertion), cached in the shared cache until just
    before it expires."""
    key = _token_key(platform, scopes)
    token = cache.get(key)
    if token:
        return token
    if not platform.token_url:
        raise LtiServiceError("the platform has no token URL", retryable=False)
    assertion = tool_jwt_sign(
        {
            "iss": platform.client_id,
            "sub": platform.client_id,
            "aud": platform.token_audience or platform.token_url,
            "jti": secrets.token_urlsafe(16),
        }
    )
    body = urlencode(
        {
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion,
            "scope": " ".join(sorted(scopes)),
        }
    ).encode()
    response = _call(
        platform.token_url,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        },
        body=body,
    )
    data = response.json()
    token = data.get("access_token")
    if not token:
        raise LtiServiceError("the token endpoint gave no token", retryable=False)
    lifetime = int(data.get("expires_in") or 3600)
    cache.set(key, token, max(lifetime - 60, 1))
    return token


def _call(url: str, **options):
    try:
        return lti_fetch(url, **options)
    except LtiHttpError as error:
        raise LtiServiceError(str(error), retryable=error.retryable) from error


def service_call(platform: LtiPlatform, scopes: list[str], url: str, **options):
    """A service request with the bearer token; a refused token is forgotten,
    so that the retry asks for a new one."""
    headers = {
        **options.pop("headers", {}),
        "Authorization": "Bearer " + access_token(platform, scopes),
    }
    try:
        return lti_fetch(url, headers=headers, **options)
    except LtiHttpError as error:
        if error.status == 401:
            cache.delete(_token_key(platform, scopes))
            raise LtiServiceError(str(error), retryable=True) from error
        raise LtiServiceError(str(error), retryable=error.retryable) from error


def _with_path(url: str, suffix: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + suffix))


def line_item_ensure(
    *, context: LtiContext, page, resource_link_id: str = ""
) -> LtiLineItem:
    """The context's line item for `page`: found by its resourceId, else made."""
    from .services import resource_id_for

    existing = LtiLineItem.objects.filter(context=context, page=page).first()
    if existing is not None:
        return existing
    platform = context.platform
    scopes = [AGS_LINEITEM_SCOPE]
    resource_id = resource_id_for(page)
    separator = "&" if "?" in context.lineitems_url else "?"
    found = service_call(
        platform,
        scopes,
        context.lineitems_url + separator + urlencode({"resource_id": resource_id}),
        headers={"Accept": LINEITEMS_TYPE},
    ).json()
    item = found[0] if isinstance(found, list) and found else None
    if item is None:
        payload = {
            "scoreMaximum": 100,
            "label": page.title,
            "resourceId": resource_id,
        }
        if resource_link_id:
            payload["resourceLinkId"] = resource_link_id
        item = service_call(
            platform,
            scopes,
            context.lineitems_url,
            method="POST",
            headers={"Content-Type": LINEITEM_TYPE, "Accept": LINEITEM_TYPE},
            body=json.dumps(payload).encode(),
        ).json()
    with transaction.atomic():
        line_item, _created = LtiLineItem.objects.get_or_create(
            context=context,
            page=page,
            defaults={"url": item["id"], "resource_id": resource_id},
        )
    return line_item


def score_publish(
    *,
    line_item: LtiLineItem,
    user_id: int,
    score_given: float | None,
    score_maximum: float,
    activity_progress: str,
    grading_progress: str,
) -> bool:
    """Send one learner's score for a line item; False if the learner came
    from another platform (nothing to send)."""
    platform = line_item.context.platform
    identity = LtiIdentity.objects.filter(
        user_id=user_id, issuer=platform.issuer
    ).first()
    if identity is None:
        return False
    score = {
        "userId": identity.sub,
        "scoreMaximum": score_maximum,
        "activityProgress": activity_progress,
        "gradingProgress": grading_progress,
        "timestamp": timezone.now().isoformat(),
    }
    if score_given is not None:
        score["scoreGiven"] = score_given
    service_call(
        platform,
        [AGS_SCORE_SCOPE],
        _with_path(line_item.url, "/scores"),
        method="POST",
        headers={"Content-Type": SCORE_TYPE},
        body=json.dumps(score).encode(),
    )
    return True
