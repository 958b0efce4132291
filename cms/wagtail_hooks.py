"""Admin screens of the town: linked services (with their link status),
bookable rooms and machines, organization profiles and their admins, and
menu links to the staff pages for bookings, requests and profile changes."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.core.calendar import CALENDAR_ENTRIES_HOOK
from lms.core.navigation import NAV_ITEMS_HOOK, NavItem, everyone, staff_only

from . import calendar
from .booking_models import Bookable
from .models import LinkedService
from .organization_models import OrganizationAdmin, OrganizationProfile


class LinkedServiceViewSet(ModelViewSet):
    model = LinkedService
    icon = "link"
    menu_label = _("Linked services")
    list_display = ["name", "space", "kind", "audience", "link_status", "is_active"]
    list_filter = ["space", "kind", "audience", "link_status", "is_active"]
    search_fields = ["name", "name_en", "summary"]
    form_fields = [
        "space",
        "kind",
        "audience",
        "name",
        "name_en",
        "summary",
        "summary_en",
        "how_to_use",
        "how_to_use_en",
        "hours",
        "hours_en",
        "target_view",
        "target_page",
        "target_url",
        "is_active",
        "sort_order",
    ]


class BookableViewSet(ModelViewSet):
    model = Bookable
    icon = "date"
    menu_label = _("Bookable rooms and equipment")
    list_display = ["__str__", "space", "kind", "needs_approval", "is_active"]
    list_filter = ["space", "kind", "needs_approval"]
    form_fields = [
        "room",
        "space",
        "kind",
        "description",
        "description_en",
        "needs_approval",
        "training_course",
        "max_hours",
        "monthly_quota_hours",
        "is_active",
        "sort_order",
    ]


class OrganizationProfileViewSet(ModelViewSet):
    model = OrganizationProfile
    icon = "group"
    menu_label = _("Organization profiles")
    list_display = ["__str__", "sector", "town_space", "is_published"]
    list_filter = ["sector", "town_space", "is_published"]
    search_fields = ["organization__name", "summary"]
    form_fields = [
        "organization",
        "slug",
        "sector",
        "summary",
        "summary_en",
        "products",
        "products_en",
        "sells_at_market",
        "contact_email",
        "contact_phone",
        "logo",
        "town_space",
        "town_office",
        "is_published",
    ]


class OrganizationAdminViewSet(ModelViewSet):
    model = OrganizationAdmin
    icon = "user"
    menu_label = _("Organization admins")
    list_display = ["user", "organization"]
    form_fields = ["organization", "user"]


class TownViewSetGroup(ViewSetGroup):
    menu_label = _("The town")
    menu_icon = "site"
    items = (
        LinkedServiceViewSet,
        BookableViewSet,
        OrganizationProfileViewSet,
        OrganizationAdminViewSet,
    )


@hooks.register("register_admin_viewset")
def register_town_viewsets():
    return TownViewSetGroup()


@hooks.register("register_admin_menu_item")
def register_town_staff_pages():
    return MenuItem(
        _("Town bookings and requests"),
        reverse("cms:staff-requests"),
        icon_name="mail",
        order=910,
    )


# the personal feed: the town's bookings and registered events
hooks.register(CALENDAR_ENTRIES_HOOK, calendar.booking_entries)
hooks.register(CALENDAR_ENTRIES_HOOK, calendar.event_entries)


@hooks.register(NAV_ITEMS_HOOK)
def nav_items():
    return [
        NavItem(
            "town-services",
            _("Services"),
            "cms:services",
            40,
            everyone,
            None,
            "main",
        ),
        NavItem("town-events", _("Events"), "cms:events", 41, everyone, None, "main"),
        NavItem("town-search", _("Search"), "cms:search", 10, everyone, None, "footer"),
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
    ]
