"""Celery beat checks the services' links nightly and deletes requests past
their retention daily (django-celery-beat's tables, editable by staff)."""

from django.db import migrations

SCHEDULE = {
    "cms: check linked services' addresses": ("cms.tasks.service_links_check", "3"),
    "cms: delete requests past their retention": (
        "cms.tasks.request_submissions_purge",
        "4",
    ),
}


def schedule_create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, (task, hour) in SCHEDULE.items():
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute="15",
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Seoul",
        )
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "enabled": True}
        )


def schedule_delete(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=list(SCHEDULE)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_bookings_requests_events_organizations"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule_create, schedule_delete)]
