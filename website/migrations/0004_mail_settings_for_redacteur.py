"""The Redacteur edits the "E-mail" site settings (the Reply-To), as they edit the
other site settings."""

from django.db import migrations

from core.migrations._grants import permissions_named


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    redacteur = Group.objects.filter(name="Redacteur").first()
    if redacteur is not None:
        redacteur.permissions.add(*permissions_named(apps, ["core.change_mailsettings"]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    redacteur = Group.objects.filter(name="Redacteur").first()
    if redacteur is not None:
        redacteur.permissions.remove(*permissions_named(apps, ["core.change_mailsettings"]))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_mail_settings"),
        ("website", "0003_calendar_import_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
