"""Bed-night capacity in the database, on PostgreSQL and on SQLite.

PostgreSQL: an exclusion constraint over (bed WITH =, daterange WITH &&) for
the stays that occupy their bed (btree_gist lets a GiST index compare the bed
id). SQLite has no exclusion constraints, so the same rule is enforced there by
two triggers that abort an insert or update overlapping another occupying stay
in the same bed. The triggers are (re)created after every `migrate`, since
SQLite rebuilds a table (dropping its triggers) when a migration alters it.
"""

from django.contrib.postgres.fields import DateRangeField
from django.db import connections
from django.db.models import Func

from lms.core import db as core_db


class DateRange(Func):
    """PostgreSQL's `daterange(lower, upper)`: nights `[lower, upper)`."""

    function = "DATERANGE"
    output_field = DateRangeField()


class PostgresExclusionConstraint(core_db.PostgresExclusionConstraint):
    """lms.core's constraint under the name lodging's migrations know; on SQLite
    the triggers below stand in for it."""


OVERLAP_MESSAGE = "lodging_stay_no_double_booked_bed"

_SQLITE_CHECK = """
WHEN NEW.bed_id IS NOT NULL AND NEW.status IN ({statuses}) AND EXISTS (
    SELECT 1 FROM lodging_stay AS other
    WHERE other.bed_id = NEW.bed_id
      AND other.id IS NOT NEW.id
      AND other.status IN ({statuses})
      AND other.check_in < NEW.check_out
      AND NEW.check_in < other.check_out
)
BEGIN
    SELECT RAISE(ABORT, '{message}');
END
"""


def sqlite_triggers_sql(statuses: list[str]) -> list[str]:
    """CREATE TRIGGER statements that refuse a double-booked bed on SQLite."""
    quoted = ", ".join(f"'{status}'" for status in statuses)
    check = _SQLITE_CHECK.format(statuses=quoted, message=OVERLAP_MESSAGE)
    return [
        "CREATE TRIGGER IF NOT EXISTS lodging_stay_no_overlap_insert "
        "BEFORE INSERT ON lodging_stay " + check,
        "CREATE TRIGGER IF NOT EXISTS lodging_stay_no_overlap_update "
        "BEFORE UPDATE OF bed_id, status, check_in, check_out ON lodging_stay " + check,
    ]


def sqlite_triggers_ensure(*, using: str = "default", **kwargs) -> None:
    """Create the SQLite triggers if missing (a post_migrate receiver)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    from .models import _OCCUPYING_VALUES

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if "lodging_stay" not in tables:
            return
        for statement in sqlite_triggers_sql(_OCCUPYING_VALUES):
            cursor.execute(statement)
