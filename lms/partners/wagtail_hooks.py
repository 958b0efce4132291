"""Common Cartridge in the Wagtail admin: an export button on each course page,
and the import screen in the menu; both for center staff only. And the partner
courses the catalog page shows (hook `register_course_page_context`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from courses.hooks import PAGE_CONTEXT_HOOK
from courses.models import CoursePage
from lms.learning.permissions import is_center_staff

from . import pages


@hooks.register("register_page_header_buttons")
def cartridge_export_buttons(page, user, view_name, next_url=None):
    if not issubclass(page.specific_class or type(page), CoursePage):
        return
    if not is_center_staff(user):
        return
    url = reverse("cartridge:export", args=[page.pk])
    yield Button(
        _("Export as Common Cartridge"), url, icon_name="download", priority=80
    )
    yield Button(
        _("Export as Common Cartridge (LTI links)"),
        f"{url}?mode=thin",
        icon_name="link",
        priority=81,
    )


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_center_staff(request.user)


@hooks.register("register_admin_menu_item")
def cartridge_import_menu_item():
    return StaffMenuItem(
        _("Import a course"),
        reverse("cartridge:import"),
        icon_name="upload",
        order=220,
    )


@hooks.register(PAGE_CONTEXT_HOOK)
def course_page_context():
    return {"courses.CourseIndexPage": pages.catalog_context}
