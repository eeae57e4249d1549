"""A development database from before the apps were split by domain is refused by `migrate`
(and so by `make run`) with instructions, before anything is changed."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from manifest.models import ManifestAction


def test_migrate_stops_on_a_database_of_the_old_layout(db):
    MigrationRecorder.Migration.objects.create(app="website", name="0005_campus_profile")
    actions = ManifestAction.objects.count()
    tables = connection.introspection.table_names()
    with pytest.raises(SystemCheckError) as refused:
        # As `manage.py migrate` runs it: with the system checks.
        call_command("migrate", verbosity=0, skip_checks=False)
    message = str(refused.value)
    assert "was made before the apps were split by domain" in message
    assert "mv db.sqlite3 db.sqlite3.old-layout" in message
    assert ManifestAction.objects.count() == actions
    assert connection.introspection.table_names() == tables


def test_migrate_runs_on_a_database_of_the_current_layout(db):
    call_command("migrate", verbosity=0, skip_checks=False)
