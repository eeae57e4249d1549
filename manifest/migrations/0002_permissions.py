"""Editors and Moderators manage initiatives and keep the actions' progress; Moderators
moderate signatures and Editors see them."""

from django.db import migrations

from core.migrations._grants import grant_permissions

CONTENT = [
    "add_initiative",
    "change_initiative",
    "delete_initiative",
    "publish_initiative",
    "change_manifestaction",
]
GRANTS = {
    "Editors": [*CONTENT, "view_signature"],
    "Moderators": [*CONTENT, "view_signature", "change_signature", "moderate_signature"],
}


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "manifest",
        GRANTS,
        extra_permissions=[
            ("publish_initiative", "Initiative", "Can publish initiative"),
            ("moderate_signature", "Signature", "Kan ondertekeningen beoordelen"),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("manifest", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
