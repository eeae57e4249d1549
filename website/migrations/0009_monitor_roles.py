"""Redacteuren keep the figures of Arbeidsmarkt in cijfers, as they edit the other snippets:
indicators, areas and observations, typed in or read from a CSV file (monitor/upload.py)."""

from django.db import migrations

from core.migrations._grants import create_app_permissions, grant_to_role

PERMISSIONS = [
    f"monitor.{action}_{model}"
    for model in ("indicator", "area", "observation")
    for action in ("add", "change", "delete", "view")
]


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0008_share_settings_for_redacteur"),
        ("monitor", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: create_app_permissions(apps, "monitor"),
            migrations.RunPython.noop,
        ),
        grant_to_role("Redacteur", PERMISSIONS),
    ]
