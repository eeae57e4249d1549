"""Give Wagtail's Editors and Moderators groups the right to manage the registry's snippets,
so every environment has the same roles without anyone clicking them together."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "initiative": ["add", "change", "delete", "publish"],
    "partner": ["add", "change", "delete"],
    "manifestaction": ["change"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now.
    app_config = apps.get_app_config("partners")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Wagtail adds "publish" to draftable models at class creation, which historical models
    # in a migration do not go through.
    Permission.objects.get_or_create(
        codename="publish_initiative",
        content_type=ContentType.objects.get_for_model(apps.get_model("partners", "Initiative")),
        defaults={"name": "Can publish initiative"},
    )
    for group_name in ["Editors", "Moderators"]:
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, actions in GRANTS.items():
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="partners", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_initiative_campuses_initiative_image_and_more"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
