"""Print a signed LTI Dynamic Registration URL to give a partner's LMS admin
(valid 14 days); the platform opens it to register Campus."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from lms.partners.lti.dynamic import invitation_sign
from lms.partners.models import PartnerInstitution


class Command(BaseCommand):
    help = "Print a Dynamic Registration URL for a partner's LMS."

    def add_arguments(self, parser):
        parser.add_argument("--institution", default="", help="partner's short name")
        parser.add_argument("--base-url", default="")

    def handle(self, *args, **options):
        institution = None
        if options["institution"]:
            institution = PartnerInstitution.objects.filter(
                slug=options["institution"]
            ).first()
            if institution is None:
                raise CommandError(f"no partner institution {options['institution']!r}")
        base = (options["base_url"] or settings.SITE_URL).rstrip("/")
        signed = invitation_sign(institution=institution)
        self.stdout.write(base + reverse("lti:register", args=[signed]))
