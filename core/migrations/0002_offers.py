"""The fixed list of what an organisation or campus can offer ("wat wij bieden")."""

from django.db import migrations

OFFERS = [
    ("stageplaatsen", "Stageplaatsen"),
    ("gastlessen", "Gastlessen"),
    ("bedrijfsbezoeken", "Bedrijfsbezoeken"),
    ("zij-instroom", "Zij-instroom"),
    ("omscholing", "Omscholing"),
    ("innovatieprojecten", "Innovatieprojecten"),
]


def create_offers(apps, schema_editor):
    Offer = apps.get_model("core", "Offer")
    for position, (slug, name) in enumerate(OFFERS):
        Offer.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": position})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_offers, migrations.RunPython.noop)]
