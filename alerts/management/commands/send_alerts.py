from django.core.management.base import BaseCommand

from alerts.digests import send_alerts


class Command(BaseCommand):
    help = (
        "Mail each confirmed alert subscription the items that are new in its saved filter, "
        "daily or weekly as the subscriber chose. Run from cron on one node, e.g. hourly; "
        "running it again sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Send what is pending, whatever the schedule."
        )

    def handle(self, *args, **options):
        report = send_alerts(force=options["now"])
        self.stdout.write(str(report))
        if report.failed:
            self.stderr.write(f"{len(report.failed)} digest(s) failed; see the log.")
