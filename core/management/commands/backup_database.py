import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Back the database up into one file while the site runs: SQLite through its online "
        "backup API (a consistent copy, writers keep working), PostgreSQL with pg_dump in its "
        "custom format (restore with pg_restore). Media are not included (README, 'Backup')."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write (it must not exist yet).")

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists already; choose a new file.")
        target.parent.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "sqlite":
            self.sqlite(target)
        elif connection.vendor == "postgresql":
            self.postgresql(target)
        else:
            raise CommandError(f"No backup for {connection.vendor}.")
        os.chmod(target, 0o600)
        self.stdout.write(f"Backup written to {target} ({target.stat().st_size} bytes).")

    def sqlite(self, target):
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as destination:
            # Pages are copied in steps; a write in between restarts the copy, so the file is
            # one consistent state of the database.
            connection.connection.backup(destination, pages=1024)

    def postgresql(self, target):
        pg_dump = shutil.which("pg_dump")
        if not pg_dump:
            raise CommandError("pg_dump is not installed (apt-get install postgresql-client).")
        db = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
        command = [pg_dump, "--format=custom", "--no-owner", f"--file={target}"]
        for option, key in [("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")]:
            if db.get(key):
                command.append(f"{option}={db[key]}")
        command.append(db["NAME"])
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
