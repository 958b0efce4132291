"""Celery beat releases expired bed holds every minute.

The schedule lives in django-celery-beat's tables (the DatabaseScheduler that
the settings name), so staff can see or pause it in the Django admin.
"""

from django.db import migrations

TASK = "lms.lodging.tasks.stay_holds_release"
NAME = "lodging: release expired bed holds"


def schedule_create(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=NAME,
        defaults={"task": TASK, "interval": every_minute, "enabled": True},
    )


def schedule_delete(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name=NAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lodging", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule_create, schedule_delete)]
