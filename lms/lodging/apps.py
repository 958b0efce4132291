from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LodgingConfig(AppConfig):
    name = "lms.lodging"
    label = "lodging"
    verbose_name = _("Lodging")

    def ready(self):
        from django.db.models.signals import post_migrate

        from lms.learning.signals import course_run_changed, enrollment_withdrawn

        from . import receivers
        from .constraints import sqlite_triggers_ensure
        from .roles import lodging_permissions_grant

        post_migrate.connect(
            sqlite_triggers_ensure, sender=self, dispatch_uid="lodging-sqlite-triggers"
        )
        post_migrate.connect(
            lodging_permissions_grant, sender=self, dispatch_uid="lodging-staff-perms"
        )
        from lms.timetable.signals import session_rescheduled

        session_rescheduled.connect(
            receivers.session_rescheduled_receiver,
            dispatch_uid="lodging-session-rescheduled",
        )
        enrollment_withdrawn.connect(
            receivers.enrollment_withdrawn_receiver,
            dispatch_uid="lodging-enrollment-withdrawn",
        )
        course_run_changed.connect(
            receivers.course_run_changed_receiver, dispatch_uid="lodging-run-changed"
        )
