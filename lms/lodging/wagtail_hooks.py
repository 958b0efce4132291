"""Admin screens for the lodging inventory, and the lodging office in the menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from courses.hooks import PAGE_CONTEXT_HOOK
from lms.core.calendar import CALENDAR_ENTRIES_HOOK
from lms.core.navigation import NAV_ITEMS_HOOK, NavItem, staff_only

from . import pages
from .calendar import stay_calendar_entries
from .forms import RoomAdminForm
from .models import Amenity, Bed, Building, Floor, Room

# the inline bed rows of the room form, and the checks on removing beds
Bed.panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("is_active")])]
Room.base_form_class = RoomAdminForm


class BuildingViewSet(ModelViewSet):
    model = Building
    icon = "home"
    menu_label = _("Buildings")
    list_display = ["__str__", "code", "check_in_time", "check_out_time", "is_active"]
    search_fields = ["name", "name_en", "code"]
    form_fields = [
        "code",
        "name",
        "name_en",
        "address",
        "phone",
        "check_in_time",
        "check_out_time",
        "check_in_instructions",
        "check_in_instructions_en",
        "is_active",
    ]


class FloorViewSet(ModelViewSet):
    model = Floor
    icon = "list-ol"
    menu_label = _("Floors")
    list_display = ["__str__", "building", "number", "name"]
    list_filter = ["building"]
    form_fields = ["building", "number", "name"]


class RoomViewSet(ModelViewSet):
    model = Room
    icon = "table"
    menu_label = _("Rooms and beds")
    list_display = [
        "__str__",
        "floor",
        "kind",
        "gender_policy",
        "is_accessible",
        "is_active",
    ]
    list_filter = [
        "floor__building",
        "kind",
        "gender_policy",
        "is_accessible",
        "is_active",
    ]
    search_fields = ["number"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("floor"), FieldPanel("number")]),
                FieldRowPanel(
                    [
                        FieldPanel("kind"),
                        FieldPanel("gender_policy"),
                        FieldPanel("is_accessible"),
                    ]
                ),
                FieldPanel("amenities"),
                FieldPanel("notes"),
                FieldPanel("is_active"),
            ],
            heading=_("Room"),
        ),
        InlinePanel("beds", heading=_("Beds"), label=_("bed"), min_num=1),
    ]


class AmenityViewSet(ModelViewSet):
    model = Amenity
    icon = "tag"
    menu_label = _("Amenities")
    list_display = ["__str__", "code"]
    form_fields = ["code", "name", "name_en"]


class LodgingGroup(ViewSetGroup):
    menu_label = _("Lodging")
    menu_icon = "home"
    menu_order = 210
    items = (
        BuildingViewSet("lodging_buildings"),
        FloorViewSet("lodging_floors"),
        RoomViewSet("lodging_rooms"),
        AmenityViewSet("lodging_amenities"),
    )


@hooks.register("register_admin_viewset")
def register_lodging_viewsets():
    return LodgingGroup()


@hooks.register("register_admin_menu_item")
def register_lodging_office_menu_item():
    return MenuItem(
        _("Lodging office"),
        reverse("lodging:occupancy"),
        icon_name="calendar",
        order=215,
    )


hooks.register(CALENDAR_ENTRIES_HOOK, stay_calendar_entries)


@hooks.register(PAGE_CONTEXT_HOOK)
def course_page_context():
    """Residential runs show their lodging on the catalog and course pages."""
    return {
        "courses.CourseIndexPage": pages.catalog_context,
        "courses.CoursePage": pages.course_context,
    }


@hooks.register(NAV_ITEMS_HOOK)
def nav_items():
    return [
        NavItem("lodging", _("My stay"), "lodging:my-stays", order=30),
        NavItem(
            "lodging-office",
            _("Lodging office"),
            "lodging:occupancy",
            order=80,
            visible=staff_only,
        ),
    ]
