"""DRF authentication, permission and throttle classes of the partner API.

A partner calls with `Authorization: Bearer cps_…`. The token is looked up by
its public prefix and compared by hash; its scopes decide what each view
allows, and its own rate limit answers 429 with Retry-After past it.
"""

import time

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import BaseThrottle

from ..services.tokens import api_token_authenticate


class PartnerClient:
    """Who calls: a partner institution through one of its tokens."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    def __init__(self, token):
        self.token = token
        self.institution = token.institution

    def __str__(self) -> str:
        return f"partner:{self.institution.slug}"

    def has_perm(self, *args, **kwargs) -> bool:
        return False


class PartnerTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <token>`; only a usable token passes."""

    keyword = b"bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("The Authorization header must be: Bearer <token>.")
            )
        try:
            raw = header[1].decode()
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid.")
            ) from error
        token = api_token_authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid, has expired or was revoked.")
            )
        return PartnerClient(token), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="campus"'


class HasScope(BasePermission):
    """The view's `required_scope` (per method if a dict) is one of the token's."""

    message = _("This token does not have the scope this request needs.")

    def has_permission(self, request, view) -> bool:
        token = getattr(request, "auth", None)
        if token is None or not hasattr(token, "scopes"):
            return False
        required = getattr(view, "required_scope", None)
        if isinstance(required, dict):
            required = required.get(request.method, required.get("*"))
        if required is None:
            return True
        return required in token.scopes


class TokenRateThrottle(BaseThrottle):
    """Each token's own requests a minute, counted in the shared cache.

    A fixed one-minute window: `cache.incr` is atomic in Redis, so several
    processes count together. Retry-After is the rest of the minute.
    """

    window = 60

    def allow_request(self, request, view) -> bool:
        token = getattr(request, "auth", None)
        if token is None or not hasattr(token, "rate_per_minute"):
            return True
        now = time.time()
        bucket = int(now // self.window)
        key = f"partners:rate:{token.pk}:{bucket}"
        cache.add(key, 0, self.window + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window + 5)
            count = 1
        self._wait = (bucket + 1) * self.window - now
        return count <= token.rate_per_minute

    def wait(self) -> float:
        return max(getattr(self, "_wait", 1.0), 1.0)


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema shows the token: an HTTP bearer scheme."""

    target_class = PartnerTokenAuthentication
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A partner token (cps_…), made by a partner admin on "
            "the partner dashboard. Its scopes decide what it may do.",
        }
