from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner universities: institutions, API tokens, webhooks, LTI 1.3, CC."""

    name = "lms.partners"
    label = "partners"
    verbose_name = _("Partner universities")
