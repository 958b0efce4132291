from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchPortalConfig(AppConfig):
    name = "research_portal"
    verbose_name = _("Research portal")

    def ready(self):
        from . import signals

        signals.connect()
