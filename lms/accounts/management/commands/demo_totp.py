"""Print the current two-factor code of the demo's staff accounts."""

from django.core.management.base import BaseCommand

from lms.accounts.demo import DEMO_TOTP_PEOPLE, DEMO_TOTP_SECRET, demo_totp_code


class Command(BaseCommand):
    help = (
        "Print the current code of the public demo authenticator secret "
        "(demo admin and staff accounts only)."
    )

    def handle(self, *args, **options):
        self.stdout.write(demo_totp_code())
        self.stderr.write(
            f"Valid for about 30 seconds for {', '.join(DEMO_TOTP_PEOPLE)} "
            f"(demo secret {DEMO_TOTP_SECRET})."
        )
