"""Give Wagtail's Editors and Moderators groups the right to manage the registry's snippets,
so every environment has the same roles without anyone clicking them together."""

from django.db import migrations

from partners.migrations._grants import grant_permissions

GRANTED = [
    f"{action}_{model}"
    for model, actions in {
        "initiative": ["add", "change", "delete", "publish"],
        "partner": ["add", "change", "delete"],
        "manifestaction": ["change"],
    }.items()
    for action in actions
]


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        {"Editors": GRANTED, "Moderators": GRANTED},
        extra_permissions=[("publish_initiative", "Initiative", "Can publish initiative")],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_initiative_campuses_initiative_image_and_more"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
