"""The exclusion constraints that refuse overlaps in the database (PostgreSQL).

They live in migration 0002 rather than in the models' Meta: SQLite has no
exclusion constraints, so the migration adds them on PostgreSQL only, and the
services' overlap queries are the equivalent check everywhere. Each compares
the half-open range [starts_at, ends_at), so back-to-back meetings are fine.
"""

from django.db.models import Func, Q


def exclusion_constraints() -> dict[str, list]:
    """{model name: [ExclusionConstraint, ...]}, built only when needed."""
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import (
        DateTimeRangeField,
        RangeBoundary,
        RangeOperators,
    )

    class TsTzRange(Func):
        function = "TSTZRANGE"
        output_field = DateTimeRangeField()

    def during():
        return (
            TsTzRange("starts_at", "ends_at", RangeBoundary()),
            RangeOperators.OVERLAPS,
        )

    return {
        "sessionoccurrence": [
            ExclusionConstraint(
                name="occurrence_no_room_overlap",
                expressions=[("room", RangeOperators.EQUAL), during()],
                condition=Q(is_active=True),
            ),
            ExclusionConstraint(
                name="occurrence_no_run_overlap",
                expressions=[("run", RangeOperators.EQUAL), during()],
                condition=Q(is_active=True, run__isnull=False),
            ),
        ],
        "instructorslot": [
            ExclusionConstraint(
                name="slot_no_instructor_overlap",
                expressions=[("instructor", RangeOperators.EQUAL), during()],
                condition=Q(is_active=True),
            ),
        ],
    }
