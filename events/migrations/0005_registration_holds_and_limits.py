"""Registrations hold places only once the address is confirmed, and the waitlist queues in
the order of confirmation; every registration made before this had its places at once, so
its moment of confirmation is its moment of registration. Events get a maximum per
registration."""

import django.core.validators
from django.db import migrations, models


def confirmed_when_made(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    Registration.objects.update(confirmed_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_capacity_per_session"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="max_adults",
            field=models.PositiveSmallIntegerField(
                default=5,
                help_text="Bij een PET: zoveel begeleiders gaan hoogstens mee met één aanmelding.",
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="Begeleiders per aanmelding",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="max_persons",
            field=models.PositiveSmallIntegerField(
                default=10,
                help_text="Bij de andere evenementen: zoveel personen (de aanmelder meegeteld) meldt iemand hoogstens in één keer aan.",
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="Personen per aanmelding",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="max_pupils",
            field=models.PositiveSmallIntegerField(
                default=35,
                help_text="Bij een PET: zoveel leerlingen meldt een school hoogstens in één aanmelding aan. Standaard één klas (35).",
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="Leerlingen per aanmelding",
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="confirmed_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="E-mailadres bevestigd op"
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="state",
            field=models.CharField(
                choices=[
                    ("onbevestigd", "Wacht op bevestiging e-mailadres"),
                    ("bevestigd", "Bevestigd"),
                    ("wachtlijst", "Wachtlijst"),
                    ("afgemeld", "Afgemeld"),
                ],
                db_index=True,
                max_length=12,
                verbose_name="Status",
            ),
        ),
        migrations.RunPython(confirmed_when_made, migrations.RunPython.noop),
    ]
