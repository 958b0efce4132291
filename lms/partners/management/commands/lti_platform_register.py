"""Register (or update) an LTI 1.3 platform, for operators and scripts.

The last line printed is one JSON object with the URLs to type into the
platform: login_url, launch_url, jwks_url and deep_link_url.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lms.partners.lti.services import lti_platform_register
from lms.partners.lti.views import tool_urls
from lms.partners.models import PartnerInstitution


class Command(BaseCommand):
    help = "Create or update an LTI 1.3 platform registration; print the tool's URLs."

    def add_arguments(self, parser):
        parser.add_argument("--issuer", required=True)
        parser.add_argument("--client-id", required=True)
        parser.add_argument(
            "--deployment-id", required=True, action="append", dest="deployment_ids"
        )
        parser.add_argument("--jwks-url", required=True)
        parser.add_argument("--auth-url", required=True)
        parser.add_argument("--token-url", required=True)
        parser.add_argument("--base-url", default="")
        parser.add_argument("--name", default="")
        parser.add_argument("--institution", default="", help="partner's short name")

    def handle(self, *args, **options):
        institution = None
        if options["institution"]:
            institution = PartnerInstitution.objects.filter(
                slug=options["institution"]
            ).first()
            if institution is None:
                raise CommandError(f"no partner institution {options['institution']!r}")
        try:
            platform = lti_platform_register(
                issuer=options["issuer"],
                client_id=options["client_id"],
                deployment_ids=options["deployment_ids"],
                jwks_url=options["jwks_url"],
                auth_url=options["auth_url"],
                token_url=options["token_url"],
                name=options["name"],
                institution=institution,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        base_url = options["base_url"] or settings.SITE_URL
        self.stdout.write(json.dumps(tool_urls(base_url=base_url, platform=platform)))
