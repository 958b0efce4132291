"""One base error for everything a user can be told, and its RFC 9457 form.

Each app derives its errors from `CampusError`, with a message written for the
person who caused it (translated, never a traceback). Views turn an error into
a form error or a message; API views into `application/problem+json` with
`problem_response`, so every refusal reads the same whatever the door.
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

PROBLEM_CONTENT_TYPE = "application/problem+json"


class CampusError(Exception):
    """A refusal a user can read: `message` is shown as it is, in their language.

    `code` is a stable, machine-readable slug (it becomes the problem type);
    `status` is the HTTP status a view answers with.
    """

    default_message = _("The request could not be completed.")
    code = "invalid"
    status = HTTPStatus.BAD_REQUEST

    def __init__(self, message=None, *, code: str | None = None, status=None):
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = HTTPStatus(status)
        super().__init__(str(self.message))


def problem_details(
    error: CampusError | None = None,
    *,
    request=None,
    status: int | None = None,
    title: str | None = None,
    detail: str | None = None,
    code: str | None = None,
    **extra,
) -> dict:
    """The RFC 9457 body for an error (or for the given parts without one)."""
    status = HTTPStatus(status or (error.status if error else HTTPStatus.BAD_REQUEST))
    code = code or (error.code if error else status.phrase.lower().replace(" ", "-"))
    body = {
        "type": f"https://campus.example/problems/{code}",
        "title": str(title or status.phrase),
        "status": int(status),
        "detail": str(
            detail if detail is not None else (error.message if error else "")
        ),
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    body.update(extra)
    return body


def problem_response(error: CampusError | None = None, **kwargs) -> JsonResponse:
    """`problem_details` as an `application/problem+json` response."""
    body = problem_details(error, **kwargs)
    return JsonResponse(
        body,
        status=body["status"],
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
