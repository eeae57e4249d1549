from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from manifest.models import Signature, SignatureState

UNCONFIRMED_RETENTION = timedelta(days=30)


class Command(BaseCommand):
    help = (
        "Privacy clean-up (AVG): delete signatures left unconfirmed for 30 days, with the logo "
        "they sent in, and anonymise the contact data and reason of rejected ones; the admin "
        "log forgets the person with them. Run daily, e.g. from cron."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        cutoff = timezone.now() - UNCONFIRMED_RETENTION
        stale = Signature.objects.filter(state=SignatureState.UNCONFIRMED, created_at__lt=cutoff)
        for signature in stale:
            # Nothing of an unconfirmed submission was ever public; its logo goes with it.
            signature.discard()
        rejected = Signature.objects.filter(state=SignatureState.REJECTED).exclude(
            signer_name="", contact_email="", statement="", signer_role="", rejection_reason=""
        )
        for signature in rejected:
            signature.discard_logo()
            signature.anonymise()
        self.stdout.write(
            f"Deleted {len(stale)} unconfirmed signature(s); "
            f"anonymised {len(rejected)} rejected one(s)."
        )
