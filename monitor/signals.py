from django.db.models.signals import post_save
from django.dispatch import receiver

from core.models import Region

from .models import Area


@receiver(post_save, sender=Region)
def follow_region(sender, instance, raw=False, **kwargs):
    """A labour-market region's area carries the region's name and slug."""
    if not raw:
        Area.objects.filter(region=instance).update(name=instance.name, slug=instance.slug)
