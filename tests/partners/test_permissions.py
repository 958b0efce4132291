"""Partner A never reads partner B's learners: the matrix over every endpoint."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_enrolment(api_b, run):
    body = {
        "run": run.pk,
        "learner": {"external_id": "b-1", "email": "b1@nuri.ac.kr"},
    }
    response = api_b.post(
        reverse("api:enrolments"), body, format="json", HTTP_IDEMPOTENCY_KEY="b"
    )
    assert response.status_code == 201
    return response.json()


def test_partner_a_lists_none_of_partner_bs_learners(api_a, b_enrolment):
    listed = api_a.get(reverse("api:enrolments")).json()
    assert listed["results"] == []
    by_learner = api_a.get(reverse("api:enrolments"), {"learner": "b-1"}).json()
    assert by_learner["results"] == []


@pytest.mark.parametrize("method", ["get", "delete"])
def test_partner_a_cannot_read_or_withdraw_bs_enrolment(api_a, b_enrolment, method):
    url = reverse("api:enrolment", args=[b_enrolment["id"]])
    response = getattr(api_a, method)(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_same_external_id_in_two_partners_are_two_learners(api_a, api_b, run):
    body = {"run": run.pk, "learner": {"external_id": "x", "email": "x@a.ac.kr"}}
    a = api_a.post(
        reverse("api:enrolments"), body, format="json", HTTP_IDEMPOTENCY_KEY="1"
    )
    body["learner"]["email"] = "x@b.ac.kr"
    b = api_b.post(
        reverse("api:enrolments"), body, format="json", HTTP_IDEMPOTENCY_KEY="1"
    )
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]


def test_idempotency_keys_are_per_partner(api_a, api_b, run):
    body = {"run": run.pk, "learner": {"external_id": "y", "email": "y@a.ac.kr"}}
    api_a.post(
        reverse("api:enrolments"), body, format="json", HTTP_IDEMPOTENCY_KEY="same"
    )
    body["learner"]["email"] = "y@b.ac.kr"
    response = api_b.post(
        reverse("api:enrolments"), body, format="json", HTTP_IDEMPOTENCY_KEY="same"
    )
    assert response.status_code == 201


ENDPOINTS = [
    ("get", "api:catalog", False),
    ("get", "api:catalog-facets", False),
    ("get", "api:catalog-course", True),
    ("get", "api:course-outline", True),
    ("get", "api:course-cartridge", True),
    ("get", "api:publications", False),
    ("get", "api:publication", True),
    ("get", "api:enrolments", False),
    ("post", "api:enrolments", False),
]


@pytest.mark.parametrize(("method", "name", "with_course"), ENDPOINTS)
def test_every_endpoint_refuses_anonymous_and_session_users(
    client, user, course, agreement_a, method, name, with_course
):
    url = reverse(name, args=[course.pk] if with_course else [])
    assert getattr(client, method)(url).status_code == 401
    client.force_login(user)  # a signed-in learner is no partner
    assert getattr(client, method)(url).status_code == 401


def test_another_partners_course_is_not_in_the_catalog(
    api_for, partner_b, course, other_course, agreement_a
):
    from .conftest import agreement_make

    agreement_make(partner_b, [other_course])
    api = api_for(partner_b)
    assert [c["id"] for c in api.get(reverse("api:catalog")).json()["results"]] == [
        other_course.pk
    ]
    assert api.get(reverse("api:catalog-course", args=[course.pk])).status_code == 404
