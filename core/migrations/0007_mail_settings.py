"""The "E-mail" site settings (the Reply-To of the site's mail, so answers reach a person), with
their permissions now, so the website migration can give them to the Redacteur."""

import django.db.models.deletion
from django.db import migrations, models

from core.migrations._grants import create_app_permissions


def create_permissions(apps, schema_editor):
    create_app_permissions(apps, "core")


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_scheduled_job_runs'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='MailSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reply_to_email', models.EmailField(blank=True, help_text='Wie een e-mail van de site beantwoordt (zoals de afwijzing van een ondertekening, die daarom vraagt), schrijft naar dit adres. Laat leeg om geen antwoordadres mee te sturen.', max_length=254, verbose_name='Antwoordadres (Reply-To)')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'E-mail',
            },
        ),
        migrations.RunPython(create_permissions, migrations.RunPython.noop),
    ]
