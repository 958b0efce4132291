"""The daily pull of partners' course feeds, as a django-celery-beat row.

Staff can change the time in the Django admin (Periodic tasks); running the
migration again leaves their change alone (the row is found by name).
"""

from django.db import migrations

NAME = "partners: pull partner course feeds"
TASK = "lms.partners.tasks.partner_feeds_pull"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=NAME).exists():
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="4",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Seoul",
    )
    PeriodicTask.objects.create(name=NAME, task=TASK, crontab=crontab)


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name=NAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_partner_courses"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
