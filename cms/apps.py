from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        post_migrate.connect(_grant_roles, sender=self)

        from django.db.models.signals import post_delete, post_save

        from lms.core.page_cache import page_cache_clear_receiver

        from .navigation_models import NavigationLink, SiteNavigation

        # every page shows the menus and the footer: a change shows at once
        for model in (SiteNavigation, NavigationLink):
            for signal in (post_save, post_delete):
                signal.connect(page_cache_clear_receiver, sender=model)

        from lms.core.calendar import calendar_source_register

        from . import calendar

        # the personal feed: the town's bookings and registered events
        calendar_source_register("cms.bookings", calendar.booking_entries)
        calendar_source_register("cms.events", calendar.event_entries)

        from lms.core.navigation import NavItem, everyone, nav_item_register, staff_only

        for item in (
            NavItem(
                "town-services",
                _("Services"),
                "cms:services",
                40,
                everyone,
                None,
                "main",
            ),
            NavItem(
                "town-events", _("Events"), "cms:events", 41, everyone, None, "main"
            ),
            NavItem(
                "town-search", _("Search"), "cms:search", 10, everyone, None, "footer"
            ),
            NavItem(
                "town-organizations",
                _("Organization directory"),
                "cms:organizations",
                11,
                everyone,
                None,
                "footer",
            ),
            NavItem("town-bookings", _("My bookings"), "cms:my-bookings", 45),
            NavItem("town-requests", _("My requests"), "cms:my-requests", 46),
            NavItem(
                "town-staff-bookings",
                _("Bookings to approve"),
                "cms:staff-bookings",
                80,
                staff_only,
            ),
            NavItem(
                "town-staff-requests",
                _("Requests"),
                "cms:staff-requests",
                81,
                staff_only,
            ),
            NavItem(
                "town-staff-profiles",
                _("Profile changes to approve"),
                "cms:staff-profile-changes",
                82,
                staff_only,
            ),
        ):
            nav_item_register(item)


def _grant_roles(sender, **kwargs):
    from .roles import roles_permissions_grant

    roles_permissions_grant()
