import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from partners.demo import create_demo_partners


class Command(BaseCommand):
    help = (
        "Create fictional live partners (flagged is_demo) for demonstrations and load tests, with "
        "Dutch names, Noord-Holland regions and municipalities, sectors, offers and for schools "
        "education levels. Needs `load_initial_data`. Bulk inserts: 10,000 take seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100, help="How many (default 100).")
        parser.add_argument(
            "--seed",
            type=int,
            default=2030,
            help="Random seed: the same seed on the same database gives the same partners.",
        )

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        started = time.perf_counter()
        try:
            partners = create_demo_partners(
                count,
                seed=seed,
                progress=lambda created: self.stdout.write(
                    f"  {created}/{count} partners created and indexed"
                ),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        kinds = Counter(partner.get_kind_display() for partner in partners)
        summary = ", ".join(f"{kind} {number}" for kind, number in kinds.most_common())
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(partners)} demo partners in {time.perf_counter() - started:.1f} s "
                f"({summary})."
            )
        )
