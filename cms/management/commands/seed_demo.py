"""Build the demo site and demo people. Safe to run again: it updates in place."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import seed_site
from lms.accounts.demo import DEMO_PASSWORD, seed_people


class Command(BaseCommand):
    help = "Create or update the demo content (Korean and English) and demo accounts."

    @transaction.atomic
    def handle(self, *args, **options):
        seed_site()
        people = seed_people()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(
            f"  Admin login:  {next(iter(people))} / {DEMO_PASSWORD}  "
            "at http://127.0.0.1:8000/admin/\n"
            "  Other demo accounts use the same password: "
            + ", ".join(list(people)[1:])
        )
