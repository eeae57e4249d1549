"""Keep the search indexes in step with the registry, after the commit (many-to-many values are
saved after the row). A save never fails on them: the search service falls back and reports."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index as wagtail_index

from search import service

from .models import Partner, directory_index, live_partners, with_relations


def reindex_partner(pk):
    """Index one partner again once the transaction commits; apps above partners call this
    when their part of a partner's document changes (a signature approved, say)."""

    def run():
        # Wagtail indexes on post_save, before a clusterable model's relations (sectors,
        # regions) are written: index again once everything is committed.
        saved = Partner.objects.filter(pk=pk).first()
        if saved is not None:
            wagtail_index.insert_or_update_object(saved)
        partner = with_relations(live_partners()).filter(pk=pk).first()
        if partner is None:
            service.remove_object(directory_index(), pk)
        else:
            service.index_objects(directory_index(), [partner])

    transaction.on_commit(run)


# Publishing and unpublishing save the partner, so post_save covers them too.
@receiver(post_save, sender=Partner)
def partner_changed(sender, instance, **kwargs):
    reindex_partner(instance.pk)


@receiver(post_delete, sender=Partner)
def partner_deleted(sender, instance, **kwargs):
    pk = instance.pk
    transaction.on_commit(lambda: service.remove_object(directory_index(), pk))
