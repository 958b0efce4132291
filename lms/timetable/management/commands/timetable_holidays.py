"""Korea's public holidays as blackout dates: `manage.py timetable_holidays 2026`."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lms.timetable.services import blackout_public_holidays_import


class Command(BaseCommand):
    help = (
        "Add Korea's public holidays of the given years (default: this and next) "
        "as blackout dates."
    )

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="*", type=int)

    def handle(self, *args, years, **options):
        this_year = timezone.localdate().year
        years = years or [this_year, this_year + 1]
        created = blackout_public_holidays_import(years=years)
        self.stdout.write(
            f"{created} blackout dates added for {', '.join(map(str, years))}."
        )
