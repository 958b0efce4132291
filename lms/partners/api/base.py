"""What every partner API view shares: token auth, scopes, rate limit,
problem+json errors, the audit log, ETags and cursor pagination."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from ..services.tokens import api_token_use_record
from .auth import HasScope, PartnerTokenAuthentication, TokenRateThrottle
from .problems import problem_exception_handler


class PartnerCursorPagination(CursorPagination):
    """Stable pages however rows come and go: an opaque cursor, newest ids last."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "pk"

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError(
                {"cursor": [_("This cursor is not valid.")]}
            ) from error


def _etag_for(data) -> str:
    digest = hashlib.sha256(
        json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder).encode()
    ).hexdigest()[:32]
    return f'"{digest}"'


def _if_none_match(request) -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


class PartnerAPIMixin:
    """Mix into APIView or GenericAPIView (before it)."""

    authentication_classes = [PartnerTokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [TokenRateThrottle]
    pagination_class = PartnerCursorPagination
    required_scope: str | dict | None = None

    def get_exception_handler(self):
        return problem_exception_handler

    def initial(self, request, *args, **kwargs):
        # Unprefixed URLs get the default language from LocaleMiddleware
        # (i18n_patterns without a default prefix): the API answers in the
        # language the client asks for with Accept-Language instead.
        translation.activate(translation.get_language_from_request(request._request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)
        pk = kwargs.get("pk")
        if pk is not None and not 0 < pk < 2**63:
            raise NotFound()

    @property
    def institution(self):
        return self.request.user.institution

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and isinstance(response, Response)
            and response.data is not None
        ):
            etag = _etag_for(response.data)
            tags = _if_none_match(request)
            if etag in tags or "*" in tags:
                not_modified = Response(status=304)
                not_modified["ETag"] = etag
                response = super().finalize_response(
                    request, not_modified, *args, **kwargs
                )
            else:
                response["ETag"] = etag
            response["Cache-Control"] = "private, no-cache"
            response["Vary"] = "Authorization, Accept-Language"
        response["Content-Language"] = translation.get_language()
        self._audit(request, response)
        return response

    def _audit(self, request, response) -> None:
        token = getattr(request, "_auth", None)
        has_token = request.headers.get("Authorization", "")[:7].lower() == "bearer "
        if token is None and not has_token:
            return
        api_token_use_record(
            token=token if hasattr(token, "scopes") else None,
            method=request.method,
            path=request.path,
            status=response.status_code,
            ip=request.META.get("REMOTE_ADDR") or None,
            outcome="" if token is not None else "invalid_token",
        )


class PartnerAPIView(PartnerAPIMixin, APIView):
    """A partner API view without a queryset."""
