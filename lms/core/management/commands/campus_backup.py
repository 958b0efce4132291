"""`manage.py campus_backup`: the database and every stored file, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the media, private and file-library files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--destination",
            default="backups",
            help="Folder in which a new campus-<date> backup folder is made.",
        )

    def handle(self, *args, destination, **options):
        try:
            folder = backup_create(destination=Path(destination))
        except BackupError as error:
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        self.stdout.write(str(folder))
