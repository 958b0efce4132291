"""Admin screens for places (buildings, rooms, equipment, blackout dates) and a
menu link to the staff timetable, where sessions are scheduled through the
services (so that every booking is checked for conflicts)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.core.admin_views import ServiceViewSetMixin
from lms.core.calendar import CALENDAR_ENTRIES_HOOK
from lms.core.navigation import NAV_ITEMS_HOOK, NavItem, staff_only

from . import sources
from .models import BlackoutDate, Building, Equipment, Room
from .services import (
    blackout_date_create,
    blackout_date_update,
    room_create,
    room_update,
)


class BuildingViewSet(ModelViewSet):
    model = Building
    icon = "home"
    menu_label = _("Buildings")
    list_display = ["name", "name_en", "code", "opens_at", "closes_at"]
    search_fields = ["name", "name_en", "code"]
    form_fields = [
        "name",
        "name_en",
        "code",
        "address",
        "description",
        "accessibility",
        "photo",
        "opens_at",
        "closes_at",
        "sort_order",
    ]


class RoomViewSet(ServiceViewSetMixin, ModelViewSet):
    """Rooms, written through `room_create` / `room_update`: a room with coming
    meetings cannot be closed, nor its hours narrowed around them."""

    model = Room
    create_service = room_create
    update_service = room_update
    icon = "table"
    menu_label = _("Rooms")
    list_display = ["__str__", "kind", "capacity", "step_free", "is_active"]
    list_filter = ["building", "kind", "is_active", "step_free"]
    search_fields = ["name", "name_en", "code"]
    list_per_page = 50
    form_fields = [
        "building",
        "name",
        "name_en",
        "code",
        "kind",
        "capacity",
        "equipment",
        "step_free",
        "hearing_loop",
        "accessibility_notes",
        "photo",
        "online_url",
        "opens_at",
        "closes_at",
        "is_active",
        "sort_order",
    ]


class EquipmentViewSet(ModelViewSet):
    model = Equipment
    icon = "cog"
    menu_label = _("Equipment")
    list_display = ["name", "name_en", "code"]
    form_fields = ["name", "name_en", "code"]


class BlackoutDateViewSet(ServiceViewSetMixin, ModelViewSet):
    """Blackout dates, written through the services: none on a day with meetings."""

    model = BlackoutDate
    create_service = blackout_date_create
    update_service = blackout_date_update
    icon = "calendar"
    menu_label = _("Blackout dates")
    list_display = ["date", "name", "name_en", "kind", "building"]
    list_filter = ["kind", "building"]
    search_fields = ["name", "name_en"]
    ordering = ["date"]
    list_per_page = 50
    form_fields = ["date", "name", "name_en", "kind", "building"]


class TimetableGroup(ViewSetGroup):
    menu_label = _("Timetable")
    menu_icon = "date"
    menu_order = 210
    items = (
        BuildingViewSet("timetable_buildings"),
        RoomViewSet("timetable_rooms"),
        EquipmentViewSet("timetable_equipment"),
        BlackoutDateViewSet("timetable_blackout_dates"),
    )


@hooks.register("register_admin_viewset")
def register_timetable_viewsets():
    return TimetableGroup()


@hooks.register("register_admin_menu_item")
def register_timetable_menu_item():
    return MenuItem(
        _("Lecture timetable"),
        reverse("timetable:timetable"),
        icon_name="time",
        order=211,
    )


# the personal feed: the user's lecture sessions and assignment deadlines
hooks.register(CALENDAR_ENTRIES_HOOK, sources.session_entries)
hooks.register(CALENDAR_ENTRIES_HOOK, sources.deadline_entries)


@hooks.register(NAV_ITEMS_HOOK)
def nav_items():
    return [
        NavItem("calendar", _("My calendar"), "timetable:my-calendar", order=20),
        NavItem(
            "timetable",
            _("Timetable"),
            "timetable:timetable",
            order=75,
            visible=staff_only,
        ),
    ]
