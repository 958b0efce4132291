"""The exclusion constraints that refuse overlaps in the database (PostgreSQL).

They are declared in the models' Meta (SessionOccurrence, InstructorSlot), so
that the migrations' state knows them; `PostgresExclusionConstraint` leaves them
out of SQLite's schema, where the services' overlap queries are the check.
Migration 0002 created them on PostgreSQL (btree_gist), 0003 records them in the
state. Each compares the half-open range [starts_at, ends_at), so back-to-back
meetings are fine.
"""

from django.contrib.postgres.fields import (
    DateTimeRangeField,
    RangeBoundary,
    RangeOperators,
)
from django.db.models import Func, Q

from lms.core.db import PostgresExclusionConstraint


class TsTzRange(Func):
    """PostgreSQL's `tstzrange(lower, upper)`: `[lower, upper)`."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def _during():
    return (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS)


def occurrence_exclusion_constraints() -> list:
    return [
        PostgresExclusionConstraint(
            name="occurrence_no_room_overlap",
            expressions=[("room", RangeOperators.EQUAL), _during()],
            condition=Q(is_active=True),
        ),
        PostgresExclusionConstraint(
            name="occurrence_no_run_overlap",
            expressions=[("run", RangeOperators.EQUAL), _during()],
            condition=Q(is_active=True, run__isnull=False),
        ),
    ]


def slot_exclusion_constraints() -> list:
    return [
        PostgresExclusionConstraint(
            name="slot_no_instructor_overlap",
            expressions=[("instructor", RangeOperators.EQUAL), _during()],
            condition=Q(is_active=True),
        ),
    ]


def exclusion_constraints() -> dict[str, list]:
    """{model name: [constraint, ...]}, as migration 0002 adds them."""
    return {
        "sessionoccurrence": occurrence_exclusion_constraints(),
        "instructorslot": slot_exclusion_constraints(),
    }
