"""The log of the privacy tools, and the permission to use them. The permission is created
here so the migration that defines the roles (website) can grant it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migrations._grants import create_app_permissions


def create_permission(apps, schema_editor):
    create_app_permissions(apps, "core")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_offers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonalDataRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[("inzage", "Inzage"), ("wissen", "Wissen")],
                        max_length=10,
                        verbose_name="Verzoek",
                    ),
                ),
                (
                    "address_hash",
                    models.CharField(
                        db_index=True, max_length=64, verbose_name="E-mailadres (als hash)"
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("beheer", "Beheeromgeving"),
                            ("opdracht", "Beheeropdracht (manage.py)"),
                        ],
                        max_length=10,
                        verbose_name="Via",
                    ),
                ),
                ("summary", models.TextField(blank=True, verbose_name="Resultaat")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="Op")),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="Uitgevoerd door",
                    ),
                ),
            ],
            options={
                "verbose_name": "Verzoek over persoonsgegevens",
                "verbose_name_plural": "Verzoeken over persoonsgegevens",
                "ordering": ["-created_at"],
                "permissions": [
                    ("handle_personal_data", "Kan persoonsgegevens opzoeken en wissen")
                ],
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create_permission, migrations.RunPython.noop),
    ]
