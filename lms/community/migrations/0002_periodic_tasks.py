"""The beat schedule of social learning, as django-celery-beat rows.

Staff can change the times in the Django admin (Periodic tasks); running the
migration again leaves their changes alone (rows are found by name).
"""

from django.db import migrations

TIME_ZONE = "Asia/Seoul"

# name: (task, minute, hour)
SCHEDULE = {
    "community: daily notification digest": (
        "lms.community.tasks.notification_digests_send",
        "30",
        "7",
    ),
    "community: open peer review rounds": (
        "lms.community.tasks.peer_review_rounds_open",
        "5",
        "*",
    ),
    "community: hand late peer reviews to instructors": (
        "lms.community.tasks.peer_reviews_overdue_handle",
        "35",
        "*",
    ),
}


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, (task, minute, hour) in SCHEDULE.items():
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=TIME_ZONE,
        )
        PeriodicTask.objects.create(name=name, task=task, crontab=crontab)


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=list(SCHEDULE)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
