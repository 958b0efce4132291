from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner universities: institutions, API tokens, webhooks, LTI 1.3, CC."""

    name = "lms.partners"
    label = "partners"
    verbose_name = _("Partner universities")

    def ready(self):
        # LTI: the admin of registrations, Celery tasks, scores on learning events
        from .lti import admin, receivers, tasks  # noqa: F401

        receivers.connect()
