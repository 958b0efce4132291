from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "lms.community"
    label = "community"
    verbose_name = _("Social learning")

    def ready(self):
        from courses.hooks import lesson_gate_register
        from lms.core.calendar import calendar_source_register

        from . import calendar, gates, signals

        lesson_gate_register(gates.cohort_lesson_gate)
        calendar_source_register("community", calendar.community_calendar_entries)
        signals.connect()

        from django.db.models.signals import post_migrate

        from .roles import community_permissions_grant

        post_migrate.connect(community_permissions_grant, sender=self)

        from lms.core.navigation import NavItem, nav_item_register, signed_in

        nav_item_register(
            NavItem(
                "community",
                _("Social learning"),
                "community:home",
                order=30,
                visible=signed_in,
                menu="main",
            )
        )
