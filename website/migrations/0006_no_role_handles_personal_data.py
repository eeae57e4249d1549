"""Looking up and erasing anyone's personal data (Instellingen > Persoonsgegevens) reaches every
signer, registrant, subscriber and staff account, more than moderating needs: the Moderator
loses `core.handle_personal_data`, which no role has; superusers do it, or a group an
administrator makes for it."""

from django.db import migrations

from core.migrations._grants import permissions_named


def moderator_may_handle_personal_data(allowed):
    def change(apps, schema_editor):
        moderator = apps.get_model("auth", "Group").objects.filter(name="Moderator").first()
        if moderator is not None:
            permissions = permissions_named(apps, ["core.handle_personal_data"])
            if allowed:
                moderator.permissions.add(*permissions)
            else:
                moderator.permissions.remove(*permissions)

    return change


class Migration(migrations.Migration):
    dependencies = [("website", "0005_dutch_root_names")]

    operations = [
        migrations.RunPython(
            moderator_may_handle_personal_data(False), moderator_may_handle_personal_data(True)
        )
    ]
