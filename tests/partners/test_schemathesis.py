"""Schemathesis over the whole partner OpenAPI schema, in process (WSGI):
no 5xx, and every answer matches the schema (status, content type, body).

Schemathesis's pytest plugin does not run under this pytest, so each
operation's Hypothesis strategy is driven here directly.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ..factories import CourseRunFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 200


@pytest.fixture
def partner_token(partner_a, course, token_for):
    from .conftest import agreement_make

    agreement_make(partner_a, [course])
    CourseRunFactory(course=course, capacity=50)
    return token_for(partner_a, rate_per_minute=1_000_000)


@pytest.fixture
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request;
    the test's transaction lives on it (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_matches_the_schema(partner_token, keep_the_test_connection):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    headers = {"Authorization": f"Bearer {partner_token}"}
    operations = [
        operation
        for operation in (result.ok() for result in schema.get_all_operations())
        if operation.path != "/api/v1/me/"  # the session API of accounts
    ]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            # an opaque cursor, a run or a learner id can be schema-valid and
            # still name nothing: a 400 or 404 for those is right, not a bug
            case.call_and_validate(
                headers=headers, excluded_checks=[positive_data_acceptance]
            )

        check()
