"""One error body everywhere in the partner API: RFC 9457 problem details.

`{"type", "title", "status", "detail", "instance", "code"}` (and `errors` for
invalid fields), served as `application/problem+json` in the request's
language (Accept-Language, through Django's LocaleMiddleware).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from lms.core.errors import PROBLEM_CONTENT_TYPE, CampusError

TYPE_BASE = "https://campus.example/problems/"


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Authentication required"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        412: _("Precondition failed"),
        415: _("Unsupported media type"),
        422: _("Unprocessable request"),
        429: _("Too many requests"),
    }


def _detail(exc) -> tuple[str, str]:
    """(code, detail) in the active language; DRF's own texts are replaced
    by ours, which are translated."""
    if isinstance(exc, exceptions.NotAuthenticated):
        return "not_authenticated", _(
            "Send a partner token: Authorization: Bearer <token>."
        )
    if isinstance(exc, exceptions.AuthenticationFailed):
        return "authentication_failed", str(exc.detail)
    if isinstance(exc, exceptions.Throttled):
        return "throttled", _(
            "This token made too many requests. Try again in %(seconds)s seconds."
        ) % {"seconds": int(exc.wait or 1)}
    if isinstance(exc, exceptions.PermissionDenied):
        return "permission_denied", str(exc.detail)
    if isinstance(exc, exceptions.NotFound):
        return "not_found", _("There is nothing here, or it is not yours to see.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return "method_not_allowed", _("This method is not allowed here.")
    if isinstance(exc, exceptions.NotAcceptable):
        return "not_acceptable", _("Ask for application/json.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return "unsupported_media_type", _("Send application/json.")
    if isinstance(exc, exceptions.ParseError):
        return "parse_error", _("The request body is not valid JSON.")
    if isinstance(exc, exceptions.ValidationError):
        return "invalid", _("Some fields are not valid; see errors.")
    return "error", str(getattr(exc, "detail", exc))


def problem_body(*, status_code: int, code: str, detail: str, request=None, **extra):
    body = {
        "type": f"{TYPE_BASE}{code}",
        "title": _titles().get(status_code, _("Error")),
        "status": status_code,
        "detail": detail,
        "code": code,
    }
    if request is not None:
        body["instance"] = request.path
    body.update(extra)
    return body


def problem_response(
    *, status_code: int, code: str, detail: str, request=None, **extra
):
    return Response(
        problem_body(
            status_code=status_code, code=code, detail=detail, request=request, **extra
        ),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def problem_exception_handler(exc, context):
    """DRF's exception handler, answering problem+json."""
    request = context.get("request")
    if isinstance(exc, CampusError):
        return problem_response(
            status_code=int(exc.status),
            code=exc.code,
            detail=str(exc.message),
            request=request,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    code, detail = _detail(exc)
    extra = {}
    if isinstance(exc, exceptions.ValidationError):
        extra["errors"] = (
            exc.detail
            if isinstance(exc.detail, dict)
            else {"non_field_errors": exc.detail}
        )
    response = problem_response(
        status_code=exc.status_code,
        code=code,
        detail=detail,
        request=request,
        **extra,
    )
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response["Retry-After"] = str(max(int(exc.wait + 0.999), 1))
    if exc.status_code == status.HTTP_401_UNAUTHORIZED:
        response["WWW-Authenticate"] = 'Bearer realm="campus"'
    return response
