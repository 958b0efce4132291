"""`manage.py campus_restore FOLDER`: put a backup back, then check it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database and the stored files with a backup, then verify."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder made by campus_backup.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, folder, interactive, **options):
        if interactive:
            answer = input(
                "This replaces the whole database and every stored file. "
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            report = backup_restore(source=Path(folder))
        except BackupError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(report.tables)} tables "
                f"({sum(report.tables.values())} rows) and {report.files} files; "
                "all match the manifest."
            )
        )
