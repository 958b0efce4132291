"""No overlaps, enforced by PostgreSQL: exclusion constraints with btree_gist.

A no-op on other databases (SQLite), where the services' overlap check is
the guard. See lms/timetable/constraints.py.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from lms.timetable.constraints import exclusion_constraints

    for model_name, constraints in exclusion_constraints().items():
        model = apps.get_model("timetable", model_name)
        for constraint in constraints:
            schema_editor.add_constraint(model, constraint)


def remove_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from lms.timetable.constraints import exclusion_constraints

    for model_name, constraints in exclusion_constraints().items():
        model = apps.get_model("timetable", model_name)
        for constraint in constraints:
            schema_editor.remove_constraint(model, constraint)


class Migration(migrations.Migration):
    dependencies = [("timetable", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraints, remove_constraints),
    ]
