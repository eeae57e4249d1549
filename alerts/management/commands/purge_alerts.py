from django.core.management.base import BaseCommand

from alerts.models import EndedAlert, Subscription


class Command(BaseCommand):
    help = (
        "Privacy clean-up (AVG): delete alert subscriptions that were not confirmed within "
        "7 days, with their e-mail addresses, and what kept the links of ended alerts working "
        "once those links expired. Run daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        deleted = Subscription.objects.expired().delete()[1].get("alerts.Subscription", 0)
        self.stdout.write(f"Deleted {deleted} unconfirmed alert subscription(s) older than 7 days.")
        EndedAlert.outlived().delete()
