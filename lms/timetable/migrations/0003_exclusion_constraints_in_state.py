"""The exclusion constraints move into the models' Meta: this records them in
the migrations' state only. Migration 0002 already created them in PostgreSQL
(and SQLite never has them), so the database is left as it is.
"""

import django.contrib.postgres.fields.ranges
import lms.core.db
import lms.timetable.constraints
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0003_completion_rules_range'),
        ('timetable', '0002_exclusion_constraints'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AddConstraint(
                    model_name='instructorslot',
                    constraint=lms.core.db.PostgresExclusionConstraint(condition=models.Q(('is_active', True)), expressions=[('instructor', '='), (lms.timetable.constraints.TsTzRange('starts_at', 'ends_at', django.contrib.postgres.fields.ranges.RangeBoundary()), '&&')], name='slot_no_instructor_overlap'),
                ),
                migrations.AddConstraint(
                    model_name='sessionoccurrence',
                    constraint=lms.core.db.PostgresExclusionConstraint(condition=models.Q(('is_active', True)), expressions=[('room', '='), (lms.timetable.constraints.TsTzRange('starts_at', 'ends_at', django.contrib.postgres.fields.ranges.RangeBoundary()), '&&')], name='occurrence_no_room_overlap'),
                ),
                migrations.AddConstraint(
                    model_name='sessionoccurrence',
                    constraint=lms.core.db.PostgresExclusionConstraint(condition=models.Q(('is_active', True), ('run__isnull', False)), expressions=[('run', '='), (lms.timetable.constraints.TsTzRange('starts_at', 'ends_at', django.contrib.postgres.fields.ranges.RangeBoundary()), '&&')], name='occurrence_no_run_overlap'),
                ),
            ],
        ),
    ]
