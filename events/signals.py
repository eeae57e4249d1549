from django.dispatch import receiver
from wagtail.signals import page_published

from .models import EventPage
from .signup import promote_waitlist


@receiver(page_published, sender=EventPage)
def promote_after_publish(sender, instance, **kwargs):
    # More places published (a higher capacity) go to the waitlist straight away.
    if instance.registrations.waitlist().exists():
        promote_waitlist(instance.sessions.all())
