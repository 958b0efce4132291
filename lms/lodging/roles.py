"""Center staff run the lodging building: grant them its models in the admin.

Like `cms.roles`, on `post_migrate` (permissions exist only once the app has
migrated) and only ever adding.
"""

from django.contrib.auth.models import Group, Permission

from lms.accounts.models import Role

STAFF_MODELS = ["amenity", "building", "floor", "room", "bed", "outofservice", "stay"]


def lodging_permissions_grant(**kwargs) -> None:
    staff = Group.objects.filter(name=Role.STAFF.value).first()
    if staff is None:
        return
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="lodging", content_type__model__in=STAFF_MODELS
        )
    )
