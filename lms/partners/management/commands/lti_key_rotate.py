"""Make a new LTI signing key; the previous one stays published for
LTI_KEY_OVERLAP_DAYS (beat runs this monthly)."""

from django.core.management.base import BaseCommand

from lms.partners.lti.keys import tool_key_rotate


class Command(BaseCommand):
    help = "Rotate Campus's LTI signing key, keeping the old one published for a while."

    def handle(self, *args, **options):
        key = tool_key_rotate()
        self.stdout.write(f"new signing key {key.kid}")
