from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lms.learning.signals import enrollment_completed

        from . import checks  # noqa: F401 - registers the system checks
        from .receivers import enrollment_completed_issue

        enrollment_completed.connect(
            enrollment_completed_issue, dispatch_uid="certificates.issue_on_completion"
        )

        from lms.learning.completion import completion_notes_register

        from .selectors import certificate_reviews_pending

        # the dashboard says when a completion's certificate waits for staff
        completion_notes_register("certificates", certificate_reviews_pending)

        from lms.accounts.personal_data import personal_data_provider_register

        from .selectors import certificate_personal_data

        personal_data_provider_register("certificates", certificate_personal_data)

        from django.db.models.signals import post_migrate

        from .roles import certificate_permissions_grant

        post_migrate.connect(
            certificate_permissions_grant,
            sender=self,
            dispatch_uid="certificates.staff_permissions",
        )
