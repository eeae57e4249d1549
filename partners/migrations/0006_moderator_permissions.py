"""Let Wagtail's Moderators group moderate manifest signatures, and Editors see them, so every
environment has the same roles without anyone clicking them together.

Approving a signature publishes its (draft) partner as the moderator, and Wagtail checks the
moderator's "publish" permission on Partner for that; so Moderators get publish_partner too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Moderators": ["view_signature", "change_signature", "moderate_signature", "publish_partner"],
    "Editors": ["view_signature"],
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
    # Meta.permissions of the historical model should have produced the first; Wagtail adds
    # "publish" to draftable models at class creation, which historical models do not go
    # through.
    for codename, model, name in [
        ("moderate_signature", "Signature", "Kan ondertekeningen beoordelen"),
        ("publish_partner", "Partner", "Can publish partner"),
    ]:
        Permission.objects.get_or_create(
            codename=codename,
            content_type=ContentType.objects.get_for_model(apps.get_model("partners", model)),
            defaults={"name": name},
        )
    for group_name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="partners", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="partners", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_partner_publication_and_signatures"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
