"""Database helpers shared by the apps."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.db import connections


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint in the model's Meta (so that migrations' state
    knows it) that other databases leave out of their schema.

    SQLite has no exclusion constraints: there the services' checks (and, for
    lodging, triggers) stand in for it, and validation in forms is skipped, as
    the operators are PostgreSQL's.
    """

    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using="default"):
        if connections[using].vendor != "postgresql":
            return
        super().validate(model, instance, exclude=exclude, using=using)
