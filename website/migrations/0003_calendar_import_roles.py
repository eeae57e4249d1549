"""Redacteuren register and manage the campus calendars that are imported into the agenda
(events/calendar_import.py). Coordinators see and edit those of their campuses through the
row-level policy (events/permissions.py), not through a model permission."""

from django.db import migrations

from core.migrations._grants import permissions_named

REDACTEUR = "Redacteur"
PERMISSIONS = [f"events.{action}_campuscalendar" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=REDACTEUR)
    group.permissions.add(*permissions_named(apps, PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=REDACTEUR).first()
    if group:
        group.permissions.remove(*permissions_named(apps, PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_roles"),
        ("events", "0003_campus_calendar"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
