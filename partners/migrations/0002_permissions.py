"""The registry's permissions, including Wagtail's "publish", exist before the roles are given
them (website/migrations/0002_roles.py)."""

from django.db import migrations

from core.migrations._grants import create_app_permissions


def create(apps, schema_editor):
    create_app_permissions(
        apps, "partners", extra_permissions=[("publish_partner", "Partner", "Can publish partner")]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
