from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from manifest.models import Signature, SignatureState
from partners.models import Partner

UNCONFIRMED_RETENTION = timedelta(days=30)


class Command(BaseCommand):
    help = (
        "Privacy clean-up (AVG): delete signatures left unconfirmed for 30 days, with the draft "
        "organisation and logo they created, and anonymise the contact data of rejected ones. "
        "Run daily, e.g. from cron."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        cutoff = timezone.now() - UNCONFIRMED_RETENTION
        stale = Signature.objects.filter(state=SignatureState.UNCONFIRMED, created_at__lt=cutoff)
        partner_ids = set(stale.values_list("partner_id", flat=True))
        deleted, _ = stale.delete()
        # Organisations that exist only because of a stale signature were never public.
        orphans = Partner.objects.filter(pk__in=partner_ids, live=False, signatures__isnull=True)
        for partner in orphans:
            if partner.logo:
                partner.logo.delete()
            partner.delete()

        rejected = Signature.objects.filter(state=SignatureState.REJECTED).exclude(
            signer_name="", contact_email="", statement="", signer_role=""
        )
        anonymised = 0
        for signature in rejected:
            signature.anonymise()
            anonymised += 1
        self.stdout.write(
            f"Deleted {deleted} unconfirmed signature(s); anonymised {anonymised} rejected one(s)."
        )
