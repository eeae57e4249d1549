"""Refuse to migrate a database from before the apps were split by domain: the migrations
were regenerated while nothing was live, and migrating it would fail half-way on tables under
other apps' names. Django runs database checks before `migrate`, so nothing changes."""

from django.core.checks import Error, Tags, register
from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder

# Migrations only the old layout had (website held the campus and manifest pages).
OLD_LAYOUT_MIGRATIONS = {
    ("website", "0002_campusindexpage_manifestpage_campuspage"),
    ("website", "0005_campus_profile"),
    ("partners", "0008_partner_updated_at_index"),
    ("events", "0003_capacity_help_text"),
}

ADVICE = (
    "Move the old database aside and start a fresh one; nothing in it is changed or deleted. "
    "With the default SQLite file: `mv db.sqlite3 db.sqlite3.old-layout` (and any "
    "db.sqlite3-wal and db.sqlite3-shm beside it), then `make run`, which loads the initial "
    "and demo content again. With PostgreSQL: create a new database and point DATABASE_URL "
    "at it. Content you made yourself in the old database must be entered again in the admin."
)


@register(Tags.database)
def database_has_the_current_layout(app_configs, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        try:
            applied = MigrationRecorder(connections[alias]).applied_migrations()
        except DatabaseError:
            continue  # an unreachable database is reported by Django itself
        if applied.keys() & OLD_LAYOUT_MIGRATIONS:
            errors.append(
                Error(
                    f"The database '{alias}' was made before the apps were split by domain "
                    "(manifest, campuses, core); its migrations no longer match the code.",
                    hint=ADVICE,
                    id="website.E001",
                )
            )
    return errors
