"""Editors never see "Root": the root of the image and document library is
"Algemeen" (new uploads land there unless a collection is chosen), and the tree's root page,
which the explorer shows above the home page to administrators, is "Alle sites"."""

from django.db import migrations

ROOT_COLLECTION = "Algemeen"
ROOT_PAGE = "Alle sites"


def dutch_names(apps, schema_editor):
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name="Root").update(
        name=ROOT_COLLECTION
    )
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(
        title=ROOT_PAGE, draft_title=ROOT_PAGE
    )


def english_names(apps, schema_editor):
    apps.get_model("wagtailcore", "Collection").objects.filter(
        depth=1, name=ROOT_COLLECTION
    ).update(name="Root")
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=ROOT_PAGE).update(
        title="Root", draft_title="Root"
    )


class Migration(migrations.Migration):
    dependencies = [("website", "0004_mail_settings_for_redacteur")]

    operations = [migrations.RunPython(dutch_names, english_names)]
