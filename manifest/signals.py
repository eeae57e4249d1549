"""Keep the partner directory's index in step with signatures: a change of state (approval,
rejection) changes the partner's "ondertekenaar" facet; a re-sent confirmation link does not."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from partners.signals import reindex_partner

from .models import Signature


@receiver(post_save, sender=Signature)
def signature_changed(sender, instance, update_fields=None, **kwargs):
    if instance.partner_id and (update_fields is None or "state" in update_fields):
        reindex_partner(instance.partner_id)
