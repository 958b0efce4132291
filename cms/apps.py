from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        post_migrate.connect(_grant_roles, sender=self)

        from lms.core.calendar import calendar_source_register

        from . import calendar

        # the personal feed: the town's bookings and registered events
        calendar_source_register("cms.bookings", calendar.booking_entries)
        calendar_source_register("cms.events", calendar.event_entries)


def _grant_roles(sender, **kwargs):
    from .roles import roles_permissions_grant

    roles_permissions_grant()
