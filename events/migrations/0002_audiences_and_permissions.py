"""The fixed list of audiences, and the calendar's permissions, which exist before the roles
are given them (website/migrations/0002_roles.py)."""

from django.db import migrations

from core.migrations._grants import create_app_permissions

# slug, name, typical age range (None: not about age)
AUDIENCES = [
    ("basisschool", "Basisschool groep 5-8", 8, 12),
    ("vo", "Voortgezet onderwijs", 12, 18),
    ("ouders-en-kinderen", "Ouders en kinderen", 6, 12),
    ("volwassenen", "Volwassenen / zij-instroom", 18, None),
    ("professionals", "Professionals", None, None),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("events", "Audience")
    for position, (slug, name, min_age, max_age) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "min_age": min_age,
                "max_age": max_age,
                "sort_order": position,
            },
        )


def create_permissions(apps, schema_editor):
    create_app_permissions(apps, "events")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_audiences, migrations.RunPython.noop),
        migrations.RunPython(create_permissions, migrations.RunPython.noop),
    ]
