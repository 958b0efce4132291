"""A request id that follows a request into its logs and the Celery tasks it starts.

The id comes from the proxy's `X-Request-ID` when it looks like one, or is
made here; it goes back in the response header, into every log record
(`RequestIdFilter`) and into the headers of every task published while the
request runs, so that a worker's log lines carry the same id.
"""

from __future__ import annotations

import logging
import re
import secrets
import uuid
from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("campus_request_id", default="-")
HEADER = "campus_request_id"
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_for(request) -> str:
    """The proxy's `X-Request-ID` when it looks like one, else 32 new hex digits."""
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    return incoming if _ACCEPTABLE.match(incoming) else secrets.token_hex(16)


def request_id_middleware(get_response):
    """Set the request id for the request's duration.

    The site's stack uses `lms.core.security.edge_middleware`, which does this
    and adds the security headers in one step.
    """

    def middleware(request):
        value = request_id_for(request)
        token = request_id_var.set(value)
        request.request_id = value
        try:
            response = get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = value
        return response

    return middleware


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (`-` outside a request or task)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


def _task_published(headers=None, **kwargs):
    if headers is not None and request_id_var.get() != "-":
        headers.setdefault(HEADER, request_id_var.get())


def _task_started(task=None, **kwargs):
    if task is None:
        return
    request = task.request
    value = getattr(request, HEADER, None) or (request.headers or {}).get(HEADER)
    current = request_id_var.get()  # an eager task runs inside its request
    fallback = current if current != "-" else uuid.uuid4().hex
    request._campus_token = request_id_var.set(value or fallback)


def _task_finished(task=None, **kwargs):
    token = getattr(task.request, "_campus_token", None) if task is not None else None
    if token is not None:
        request_id_var.reset(token)


def request_id_celery_connect() -> None:
    """Carry the id into tasks (AppConfig.ready)."""
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(_task_published, dispatch_uid="campus-request-id-pub")
    task_prerun.connect(_task_started, dispatch_uid="campus-request-id-start")
    task_postrun.connect(_task_finished, dispatch_uid="campus-request-id-end")
