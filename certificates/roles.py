"""Center staff run the certificates: their group gets the models' admin
permissions after every `migrate` (it only ever adds), as cms does for its."""

STAFF_MODELS = ["certificatetemplate", "certificatesignatory", "coursecertificate"]


def certificate_permissions_grant(sender=None, using="default", **kwargs) -> None:
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from lms.accounts.models import Role

    # auth creates permissions on post_migrate too, but after this app's
    # handlers (it comes later in INSTALLED_APPS): make sure they exist
    create_permissions(apps.get_app_config("certificates"), verbosity=0, using=using)

    staff = Group.objects.filter(name=Role.STAFF.value).first()
    if staff is None:
        return
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="certificates", content_type__model__in=STAFF_MODELS
        )
    )
