"""`manage.py backup_database`: a consistent copy of the database, taken while the site runs."""

import io
import shutil
import sqlite3
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from partners.models import Partner


def test_the_backup_holds_the_committed_data(initial_content, tmp_path):
    target = tmp_path / "backup" / "site.db"
    out = io.StringIO()
    call_command("backup_database", str(target), stdout=out)
    assert f"Backup written to {target}" in out.getvalue()
    partners = Partner.objects.count()
    assert partners > 0
    if connection.vendor == "sqlite":
        with sqlite3.connect(target) as copy:
            assert copy.execute("SELECT count(*) FROM partners_partner").fetchone() == (partners,)
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    else:
        if not shutil.which("pg_restore"):
            pytest.skip("pg_restore is not installed")
        listing = subprocess.run(
            ["pg_restore", "--list", str(target)], capture_output=True, text=True, check=True
        ).stdout
        assert "TABLE DATA public partners_partner" in listing
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_an_existing_file_is_never_overwritten(db, tmp_path):
    target = tmp_path / "site.db"
    target.write_text("oud")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_database", str(target))
    assert target.read_text() == "oud"
