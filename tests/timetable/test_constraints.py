"""The no-overlap exclusion constraints live in the models' Meta, so that the
migrations' state knows them (PostgreSQL enforces them: test_postgres.py)."""

from django.db.migrations.loader import MigrationLoader

from lms.timetable.models import InstructorSlot, SessionOccurrence

EXCLUSIONS = {
    ("timetable", "sessionoccurrence"): {
        "occurrence_no_room_overlap",
        "occurrence_no_run_overlap",
    },
    ("timetable", "instructorslot"): {"slot_no_instructor_overlap"},
}


def test_the_models_declare_the_exclusion_constraints():
    declared = {
        ("timetable", model._meta.model_name): {c.name for c in model._meta.constraints}
        for model in (SessionOccurrence, InstructorSlot)
    }
    for key, names in EXCLUSIONS.items():
        assert names <= declared[key]


def test_the_migrations_state_knows_them():
    state = MigrationLoader(None, ignore_no_migrations=True).project_state()
    for key, names in EXCLUSIONS.items():
        known = {c.name for c in state.models[key].options["constraints"]}
        assert names <= known
