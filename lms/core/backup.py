"""Back up and restore the whole site: the database and every stored file.

A backup is a folder: the database (`pg_dump`'s custom format on PostgreSQL,
a SQLite copy made with SQLite's online backup API), a gzipped tar of each
file root (media, learners' private uploads, the file library's private
files), and `manifest.json` with each archive's SHA-256, each stored file's
SHA-256 and each table's row count. `pg_dump` reads in one transaction, so the
dump is consistent while the site keeps running.

A restore checks the archives against the manifest before it touches
anything, replaces the database and the file roots, then counts the rows and
hashes the files again and refuses to call it done unless both match.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3

# pg_dump/pg_restore with fixed arguments, no shell
import subprocess  # nosec B404
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import CampusError

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(CampusError):
    """A backup could not be made or restored; the message says why."""

    default_message = _("The backup could not be completed.")
    code = "backup-failed"
    status = 500


@dataclass
class RestoreReport:
    """What a restore put back, and whether it matches the manifest."""

    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    mismatches: list[str] = field(default_factory=list)


def backup_file_roots() -> dict[str, Path]:
    """The folders that hold stored files, by a stable name."""
    from filer import settings as filer_settings

    return {
        "media": Path(settings.MEDIA_ROOT),
        "private": Path(settings.PRIVATE_MEDIA_ROOT),
        "filer_private": Path(filer_settings.FILER_PRIVATEMEDIA_STORAGE.location),
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _file_checksums(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        str(path.relative_to(root)): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _table_counts() -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            sql = f"SELECT COUNT(*) FROM {quote(table)}"  # noqa: S608  # nosec B608
            cursor.execute(sql)
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_args(program: str) -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = [program, "--no-owner", "--no-privileges"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(args: list[str], env: dict[str, str]) -> None:
    # fixed program and arguments from settings, no shell
    result = subprocess.run(  # noqa: S603  # nosec B603
        args, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": Path(args[0]).name, "error": result.stderr.strip()[-500:]}
        )


def _database_dump(target: Path) -> str:
    if connection.vendor == "postgresql":
        args, env = _pg_args("pg_dump")
        _run(
            [
                *args,
                "--format=custom",
                "--file",
                str(target),
                connection.settings_dict["NAME"],
            ],
            env,
        )
        return "postgresql"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return "sqlite"
    raise BackupError(_("Backups support PostgreSQL and SQLite only."))


def _database_load(source: Path, vendor: str) -> None:
    if vendor != connection.vendor:
        raise BackupError(
            _("This backup is of a %(theirs)s database, this site runs %(ours)s.")
            % {"theirs": vendor, "ours": connection.vendor}
        )
    if vendor == "postgresql":
        connections.close_all()
        args, env = _pg_args("pg_restore")
        _run(
            [
                *args,
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(source),
            ],
            env,
        )
        return
    connection.ensure_connection()
    with sqlite3.connect(source) as original:
        original.backup(connection.connection)
    original.close()


def backup_create(*, destination: Path) -> Path:
    """Write a backup folder under `destination` and return its path."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(destination) / f"campus-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    vendor = _database_dump(folder / "database.dump")
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": {
            "vendor": vendor,
            "file": "database.dump",
            "tables": _table_counts(),
        },
        "archives": {},
        "files": {},
    }
    for name, root in backup_file_roots().items():
        archive = folder / f"{name}.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            if root.is_dir():
                tar.add(root, arcname=".")
        manifest["files"][name] = _file_checksums(root)
    manifest["archives"] = {
        path.name: _sha256(path) for path in sorted(folder.iterdir()) if path.is_file()
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return folder


def _manifest_read(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(
            _("This folder holds no readable backup manifest.")
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup was made by another version of Campus."))
    for name, expected in manifest["archives"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(
                _("%(file)s is missing or damaged; nothing was restored.")
                % {"file": name}
            )
    return manifest


def backup_restore(*, source: Path) -> RestoreReport:
    """Put a backup back: database and files, then check both against the manifest."""
    folder = Path(source)
    manifest = _manifest_read(folder)
    _database_load(
        folder / manifest["database"]["file"], manifest["database"]["vendor"]
    )
    roots = backup_file_roots()
    for name, root in roots.items():
        if name not in manifest["files"]:
            continue
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        with tarfile.open(folder / f"{name}.tar.gz", "r:gz") as tar:
            # the data filter
            tar.extractall(root, filter="data")
    report = RestoreReport(tables=_table_counts())
    for table, count in manifest["database"]["tables"].items():
        if report.tables.get(table) != count:
            report.mismatches.append(f"{table}: {report.tables.get(table)} != {count}")
    for name, expected in manifest["files"].items():
        found = _file_checksums(roots[name]) if name in roots else {}
        report.files += len(found)
        if found != expected:
            report.mismatches.append(f"files in {name} differ from the manifest")
    if report.mismatches:
        raise BackupError(
            _("The restore does not match the backup: %(what)s")
            % {"what": "; ".join(report.mismatches)}
        )
    return report
