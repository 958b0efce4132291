from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        post_migrate.connect(_grant_roles, sender=self)


def _grant_roles(sender, **kwargs):
    from .roles import roles_permissions_grant

    roles_permissions_grant()
