"""CampusError and its RFC 9457 problem+json form."""

import json

from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.core.errors import CampusError, problem_details, problem_response


class SeatsTaken(CampusError):
    default_message = _("The request could not be completed.")
    code = "seats-taken"
    status = 409


def test_error_carries_message_code_and_status():
    error = SeatsTaken("3 seats are taken")
    assert (error.message, error.code, int(error.status)) == (
        "3 seats are taken",
        "seats-taken",
        409,
    )
    assert str(error) == "3 seats are taken"


def test_default_message_is_in_the_user_language():
    with translation.override("ko"):
        assert str(CampusError().message) == "요청을 처리하지 못했습니다."
    with translation.override("en"):
        assert str(CampusError().message) == "The request could not be completed."


def test_problem_response_is_rfc_9457():
    request = RequestFactory().get("/api/v1/runs/15/?x=1")
    response = problem_response(SeatsTaken("full"), request=request, seats_left=0)
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body == {
        "type": "https://campus.example/problems/seats-taken",
        "title": "Conflict",
        "status": 409,
        "detail": "full",
        "instance": "/api/v1/runs/15/?x=1",
        "seats_left": 0,
    }


def test_problem_details_without_an_error():
    body = problem_details(status=404, detail="No such run.")
    assert (body["status"], body["title"], body["detail"]) == (
        404,
        "Not Found",
        "No such run.",
    )
    assert body["type"].endswith("/not-found")
