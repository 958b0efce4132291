from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "lms.community"
    label = "community"
    verbose_name = _("Social learning")

    def ready(self):
        from . import signals

        signals.connect()

        from django.db.models.signals import post_migrate

        from .roles import community_permissions_grant

        post_migrate.connect(community_permissions_grant, sender=self)
