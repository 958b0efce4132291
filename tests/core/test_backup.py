"""Backup and restore: drop everything, restore, and compare rows and files."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from lms.accounts.models import User
from lms.core.backup import BackupError, backup_create, backup_restore


@pytest.fixture
def file_roots(settings, tmp_path, monkeypatch):
    roots = {
        "media": tmp_path / "media",
        "private": tmp_path / "private",
        "filer_private": tmp_path / "filer_private",
    }
    settings.MEDIA_ROOT = roots["media"]
    settings.PRIVATE_MEDIA_ROOT = roots["private"]
    monkeypatch.setattr("lms.core.backup.backup_file_roots", lambda: roots)
    (roots["media"] / "images").mkdir(parents=True)
    (roots["media"] / "images" / "photo.jpg").write_bytes(b"\xff\xd8jpeg" * 100)
    roots["private"].mkdir()
    (roots["private"] / "서류.pdf").write_bytes(b"%PDF-1.7 assignment")
    return roots


def test_backup_drop_restore_gives_back_every_row_and_file(
    postgresql, transactional_db, file_roots, tmp_path
):
    User.objects.create_user(email="kept@campus.example", password="x-1234567")
    before = User.objects.count()
    folder = backup_create(destination=tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "postgresql"
    assert manifest["database"]["tables"]["accounts_user"] == before
    assert set(manifest["files"]["private"]) == {"서류.pdf"}

    with connection.cursor() as cursor:  # the disaster
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    for root in file_roots.values():
        for path in sorted(root.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()

    report = backup_restore(source=folder)
    assert report.mismatches == []
    assert report.files == 2
    assert User.objects.filter(email="kept@campus.example").exists()
    assert User.objects.count() == before
    assert (file_roots["private"] / "서류.pdf").read_bytes() == b"%PDF-1.7 assignment"


def test_a_damaged_archive_is_refused_before_anything_is_touched(
    postgresql, transactional_db, file_roots, tmp_path
):
    folder = backup_create(destination=tmp_path / "backups")
    archive = folder / "private.tar.gz"
    archive.write_bytes(archive.read_bytes()[:-10] + b"0123456789")
    User.objects.create_user(email="after@campus.example", password="x-1234567")
    with pytest.raises(BackupError) as refused:
        backup_restore(source=folder)
    assert "private.tar.gz" in str(refused.value.message)
    assert User.objects.filter(email="after@campus.example").exists()


def test_commands_back_up_and_restore(
    postgresql, transactional_db, file_roots, tmp_path
):
    call_command("campus_backup", destination=str(tmp_path / "b"))
    (folder,) = list(Path(tmp_path / "b").iterdir())
    call_command("campus_restore", str(folder), interactive=False)
    assert (file_roots["media"] / "images" / "photo.jpg").exists()


def test_restore_refuses_a_folder_without_a_manifest(tmp_path, db):
    with pytest.raises(BackupError):
        backup_restore(source=tmp_path)
