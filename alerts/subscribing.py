"""Following a saved filter: store the subscription, mail the confirmation link; later,
confirm it. Nothing else is mailed before the subscriber confirmed (double opt-in)."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .mail import send_confirmation_mail
from .models import Subscription

logger = logging.getLogger(__name__)

# Open (unconfirmed) subscriptions one address may have; beyond it nothing more is mailed, so
# the form cannot be used to flood someone else's mailbox with confirmation requests.
MAX_OPEN_PER_ADDRESS = 5


def subscribe(email, frequency, source, selection, page_url):
    """Store a subscription and mail its confirmation link, unless that address already
    follows this selection or has too many open requests. The visitor sees the same answer
    whatever happened, so the form tells nobody who subscribed to what."""
    existing = Subscription.objects.filter(
        email=email, source=source.key, query=selection.query
    ).first()
    if existing is not None and existing.is_confirmed:
        return None
    if existing is None:
        if Subscription.objects.of_address(email).unconfirmed().count() >= MAX_OPEN_PER_ADDRESS:
            return None
        try:
            with transaction.atomic():
                existing = Subscription.objects.create(
                    email=email,
                    frequency=frequency,
                    source=source.key,
                    query=selection.query,
                    label=selection.label[:300],
                    privacy_consent_at=timezone.now(),
                )
        except IntegrityError:  # the same request twice at once: one subscription
            return None
    else:
        existing.frequency = frequency
        existing.privacy_consent_at = timezone.now()
    send_confirmation(existing, page_url)
    return existing


def send_confirmation(subscription, page_url):
    token = subscription.new_confirmation_token()
    subscription.save()
    try:
        send_confirmation_mail(subscription, token, page_url)
    except Exception:  # the visitor can simply try again; the request expires by itself
        logger.exception("Could not send the confirmation e-mail of alert %s", subscription.pk)
        return False
    return True
