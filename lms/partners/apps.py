from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner universities: institutions, API tokens, webhooks, LTI 1.3, CC."""

    name = "lms.partners"
    label = "partners"
    verbose_name = _("Partner universities")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from certificates.models import Certificate
        from lms.learning.models import Enrollment
        from lms.learning.signals import enrollment_completed

        from . import receivers

        post_save.connect(
            receivers.enrollment_saved,
            sender=Enrollment,
            dispatch_uid="partners-enrolment-webhook",
        )
        enrollment_completed.connect(
            receivers.enrollment_completed, dispatch_uid="partners-completion-webhook"
        )
        post_save.connect(
            receivers.certificate_saved,
            sender=Certificate,
            dispatch_uid="partners-certificate-webhook",
        )

        # LTI: the admin of registrations, Celery tasks, scores on learning events
        from .lti import admin, tasks  # noqa: F401
        from .lti import receivers as lti_receivers

        lti_receivers.connect()
