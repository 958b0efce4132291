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


def _grant_roles(sender, **kwargs):
    from .roles import roles_permissions_grant

    roles_permissions_grant()
