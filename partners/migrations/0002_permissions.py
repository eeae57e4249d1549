"""Wagtail's Editors and Moderators groups maintain the registry. Moderators publish partners
too: approving a signature publishes the signer's draft partner as the moderator."""

from django.db import migrations

from core.migrations._grants import grant_permissions

GRANTED = ["add_partner", "change_partner", "delete_partner", "publish_partner"]


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "partners",
        {"Editors": GRANTED, "Moderators": GRANTED},
        extra_permissions=[("publish_partner", "Partner", "Can publish partner")],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
