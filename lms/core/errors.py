"""One base for the errors Campus shows to people (provisional copy of the
lead's shared helper; main's version replaces it at the merge)."""

from django.http import JsonResponse


class CampusError(Exception):
    """A refused action with a message for the person who asked."""

    code = "campus_error"
    status = 400

    def __init__(self, message: str = "", *, code=None, status=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status


def problem_details(error: CampusError, *, request=None, status=None) -> dict:
    problem = {
        "type": "about:blank",
        "title": str(error.message),
        "status": status or error.status,
        "code": error.code,
    }
    if request is not None:
        problem["instance"] = request.path
    return problem


def problem_response(error: CampusError, *, request=None, status=None):
    body = problem_details(error, request=request, status=status)
    return JsonResponse(
        body, status=body["status"], content_type="application/problem+json"
    )
