"""What each role may do in the admin, granted after every `migrate`.

Permissions on models exist only once their app has migrated, and page
permissions need the pages, so this runs on `post_migrate` (and after the demo
site is built) rather than in a data migration. It only ever adds.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from lms.accounts.models import Role

STAFF_MODELS = {
    "courses": ["coursecategory", "libraryresource", "question"],
    "learning": ["courserun", "enrollment"],
    "accounts": ["organization", "accountdeletionrequest"],
    "wagtailimages": ["image"],
    "wagtaildocs": ["document"],
    "filer": ["file", "folder", "image"],
    # the menus and the footer (Settings → Site navigation)
    "cms": ["sitenavigation"],
}
STAFF_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]


def roles_permissions_grant() -> None:
    staff = Group.objects.filter(name=Role.STAFF.value).first()
    if staff is None:
        return
    for app_label, models in STAFF_MODELS.items():
        staff.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        )
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=STAFF_PAGE_PERMISSIONS
    )
    root = Page.get_first_root_node()
    if root is None:
        return
    for home in root.get_children():
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=staff, page=home, permission=permission
            )
