"""Redacteuren keep the figures of Arbeidsmarkt in cijfers, as they edit the other snippets:
indicators, areas and observations, typed in or read from a CSV file (monitor/upload.py)."""

from django.db import migrations

from core.migrations._grants import create_app_permissions, permissions_named

REDACTEUR = "Redacteur"
PERMISSIONS = [
    f"monitor.{action}_{model}"
    for model in ("indicator", "area", "observation")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    create_app_permissions(apps, "monitor")
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
        ("website", "0008_share_settings_for_redacteur"),
        ("monitor", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
