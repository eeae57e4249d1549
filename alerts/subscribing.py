"""Following a saved filter: store the subscription, mail the confirmation link. Nothing else
is mailed before the subscriber confirmed (double opt-in)."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import mail

from .mail import send_confirmation_mail
from .models import Subscription

logger = logging.getLogger(__name__)

# Open (unconfirmed) subscriptions one address may have; beyond it nothing more is mailed, so
# the form cannot be used to flood someone else's mailbox with confirmation requests.
MAX_OPEN_PER_ADDRESS = 5


def subscribe(email, frequency, source, selection):
    """Store a subscription and mail its confirmation link, unless that address already
    follows this selection or has too many open requests. The visitor sees the same answer
    whatever happened, so the form tells nobody who subscribed to what.

    The mail counts against the cap per address (core.mail) before anything is stored: a
    new link replaces the one mailed before, so a submission whose mail the cap would stop
    must change nothing, or whoever knows an address could leave it only dead links. The
    count is one atomic increment, so of parallel submissions only those within the cap go
    on."""
    subscription = Subscription.objects.filter(
        email=email, source=source.key, query=selection.query
    ).first()
    if subscription is None:
        if Subscription.objects.of_address(email).unconfirmed().count() >= MAX_OPEN_PER_ADDRESS:
            return
        subscription = Subscription(
            email=email, source=source.key, query=selection.query, label=selection.label[:300]
        )
    elif subscription.is_confirmed:
        return
    if not mail.within_cap(email):
        logger.warning("Alert request not stored: the address had its share of mails this hour")
        return
    subscription.frequency = frequency
    subscription.privacy_consent_at = timezone.now()
    token = subscription.new_confirmation_token()
    try:
        with transaction.atomic():
            subscription.save()
    except IntegrityError:  # the same request twice at once: one subscription
        return
    try:
        send_confirmation_mail(subscription, token)
    except Exception:  # the visitor can simply try again; the request expires by itself
        logger.exception("Could not send the confirmation e-mail of alert %s", subscription.pk)
