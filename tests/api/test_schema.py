"""The REST API: OpenAPI schema, browsable docs and the first endpoint."""

import pytest
import yaml
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_schema_documents_the_public_api_only(client):
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me/" in schema["paths"]
    assert not [path for path in schema["paths"] if path.startswith("/admin/")]


def test_docs_are_served_without_a_cdn(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html


def test_me_needs_a_login(client):
    assert client.get(reverse("api:me")).status_code == 403


def test_me_shows_the_signed_in_user_only(
    client, user, other_user, django_assert_num_queries
):
    client.force_login(user)
    with django_assert_num_queries(4):
        response = client.get(reverse("api:me"))
    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert other_user.email not in response.content.decode()
