from wagtail.signals import page_published

from .models import EventPage
from .registration import promote_waitlist


def promote_after_publish(sender, instance, **kwargs):
    # More places published (a higher capacity) go to the waitlist straight away.
    if instance.registrations.waitlist().exists():
        promote_waitlist(instance)


def connect():
    page_published.connect(promote_after_publish, sender=EventPage)
