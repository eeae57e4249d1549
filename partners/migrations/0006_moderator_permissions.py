"""Let Wagtail's Moderators group moderate manifest signatures, and Editors see them, so every
environment has the same roles without anyone clicking them together.

Approving a signature publishes its (draft) partner as the moderator, and Wagtail checks the
moderator's "publish" permission on Partner for that; so Moderators get publish_partner too,
like Editors, who maintain the partner registry."""

from django.db import migrations

from partners.migrations._grants import grant_permissions

GRANTS = {
    "Moderators": ["view_signature", "change_signature", "moderate_signature", "publish_partner"],
    "Editors": ["view_signature", "publish_partner"],
}


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        GRANTS,
        extra_permissions=[
            ("moderate_signature", "Signature", "Kan ondertekeningen beoordelen"),
            ("publish_partner", "Partner", "Can publish partner"),
        ],
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
