"""The Redacteur edits "Delen op sociale media" (the site's name and image when a page is
shared), as they edit the other site settings."""

from django.db import migrations

from core.migrations._grants import grant_to_role


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_mail_settings"),
        ("website", "0007_home_tasks_teasers_and_hero_alt"),
    ]

    operations = [grant_to_role("Redacteur", ["core.change_sharesettings"])]
