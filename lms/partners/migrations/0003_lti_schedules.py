"""Celery beat: rotate the LTI signing key monthly, sync LTI rosters nightly.

In django-celery-beat's tables (the DatabaseScheduler of the settings), so
staff can see or pause them in the Django admin.
"""

from django.db import migrations

SCHEDULE = {
    "lti: rotate the signing key": (
        "lms.partners.lti.tasks.lti_tool_key_rotate",
        {"minute": "15", "hour": "3", "day_of_month": "1"},
    ),
    "lti: sync rosters (NRPS)": (
        "lms.partners.lti.tasks.lti_roster_sync_all",
        {"minute": "45", "hour": "2", "day_of_month": "*"},
    ),
}


def schedule_create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, (task, when) in SCHEDULE.items():
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=when["minute"],
            hour=when["hour"],
            day_of_month=when["day_of_month"],
            month_of_year="*",
            day_of_week="*",
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
        ("partners", "0002_lti_tool"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule_create, schedule_delete)]
