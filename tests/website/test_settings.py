"""Production settings are checked in a fresh interpreter, as a server would load them."""

import secrets

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache

from tests.servers import manage_in_production
from website.settings.env import page_cache


def test_production_refuses_to_start_without_a_secret_key():
    result = manage_in_production("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage_in_production("check", SECRET_KEY="geheim")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_production_environment():
    result = manage_in_production(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(64)
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_production_requires_two_factor_login_unless_turned_off():
    # The production settings read again with the variable set: one process for both.
    script = (
        "import importlib, os; from website.settings import production; "
        "print(production.REQUIRE_2FA); os.environ['REQUIRE_2FA'] = 'false'; "
        "print(importlib.reload(production).REQUIRE_2FA)"
    )
    output = manage_in_production(
        "shell", "-c", script, SECRET_KEY=secrets.token_urlsafe(64)
    ).stdout.split()
    assert output[-2:] == ["True", "False"]


def test_each_process_keeps_at_most_the_configured_number_of_pages(monkeypatch):
    monkeypatch.setenv("PAGE_CACHE_MEMORY_ENTRIES", "30")
    config = page_cache({"BACKEND": "django.core.cache.backends.locmem.LocMemCache"})["pagecache"]
    memory = LocMemCache("bounded-page-memory", config)
    for number in range(40):
        memory.set(f"page:{number}", "<html>")
    kept = [number for number in range(40) if memory.has_key(f"page:{number}")]
    assert len(kept) <= 30
    assert 39 in kept
