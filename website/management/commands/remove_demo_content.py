from django.core.management.base import BaseCommand
from django.db import transaction

from events.demo import remove_demo_events
from manifest.demo import remove_demo_content
from monitor.demo import remove_demo_observations
from partners.demo import remove_demo_partners


class Command(BaseCommand):
    help = (
        "Remove all demo content (flagged is_demo) before going live: events with their "
        "registrations, signatures, initiatives, partners and labour-market figures, with the "
        "images only they used. "
        "Prints what was removed. `load_initial_data --demo` does not bring it back."
    )

    def handle(self, *args, **options):
        # From the top of the layers down: what refers to a demo partner goes first.
        with transaction.atomic():
            counts = (
                remove_demo_events()
                | remove_demo_content()
                | remove_demo_partners()
                | remove_demo_observations()
            )
        for what, count in counts.items():
            self.stdout.write(f"{count} {what} verwijderd")
        self.stdout.write(self.style.SUCCESS("Demo content removed."))
