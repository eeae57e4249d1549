from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Max
from django.utils import timezone

from events.models import EventPage, Registration

RETENTION = timedelta(days=60)


class Command(BaseCommand):
    help = (
        "Privacy clean-up (AVG): delete all registrations of events whose last date ended more "
        "than 60 days ago. Run daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - RETENTION
        finished = EventPage.objects.annotate(last_end=Max("sessions__ends_at")).filter(
            last_end__lt=cutoff
        )
        deleted, _ = Registration.objects.filter(event__in=finished).delete()
        self.stdout.write(
            f"Deleted {deleted} registration(s) of events that ended before {cutoff:%Y-%m-%d}."
        )
