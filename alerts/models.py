"""Subscriptions to a saved filter (alerts/sources.py) and what each was sent."""

import secrets
from datetime import timedelta

from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from core.tokens import hash_token, new_token

CONFIRMATION_VALID = timedelta(days=7)  # and unconfirmed subscriptions are purged after it
# A digest is due a little before a full period has passed, so a cron job at a fixed hour
# sends every day (or week) even when the previous run finished a few minutes later.
SCHEDULE_TOLERANCE = timedelta(hours=2)
MAX_QUERY_LENGTH = 1000  # a saved filter longer than this is refused
# How long a link of that purpose works; links of other purposes do not expire.
LINK_VALID = {"manage": timedelta(days=14)}


class Frequency(models.TextChoices):
    DAILY = "dagelijks", "Dagelijks"
    WEEKLY = "wekelijks", "Wekelijks"


PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)

    def of_address(self, address):
        return self.filter(email__iexact=address)

    def expired(self):
        """Unconfirmed subscriptions whose latest confirmation link ran out: to be removed.
        Asking again sends a fresh link, valid as long as the first."""
        return (
            self.unconfirmed()
            .annotate(link_sent_at=Coalesce("confirmation_sent_at", "created_at"))
            .filter(link_sent_at__lt=timezone.now() - CONFIRMATION_VALID)
        )


class Subscription(models.Model):
    """Someone follows a saved filter by e-mail. Nothing is sent but the confirmation mail
    until they confirm (double opt-in)."""

    email = models.EmailField("E-mailadres", max_length=254)
    frequency = models.CharField(
        "Frequentie", max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    source = models.CharField("Bron", max_length=40)
    query = models.CharField("Filter", max_length=MAX_QUERY_LENGTH, blank=True)
    label = models.CharField("Omschrijving", max_length=300)
    # Random; the links in the mails are HMACs of it with SECRET_KEY (link_token below).
    key = models.CharField(max_length=64, editable=False, default="")
    confirmation_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    privacy_consent_at = models.DateTimeField("Toestemming gegeven op")
    created_at = models.DateTimeField("Aangemeld op", auto_now_add=True)
    confirmation_sent_at = models.DateTimeField("Bevestigingsmail verstuurd op", null=True)
    confirmed_at = models.DateTimeField("Bevestigd op", null=True, blank=True)
    last_sent_at = models.DateTimeField("Laatste melding verstuurd op", null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "Melding"
        verbose_name_plural = "Meldingen"
        constraints = [
            models.UniqueConstraint(
                fields=["email", "source", "query"], name="alerts_one_subscription_per_filter"
            )
        ]

    def __str__(self):
        return f"Melding #{self.pk}: {self.label}"

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = secrets.token_hex(32)
        super().save(*args, **kwargs)

    # -- confirmation: a single-use secret, only its hash stored (core/tokens.py) ----------------

    def new_confirmation_token(self):
        token, self.confirmation_token_hash = new_token()
        self.confirmation_sent_at = timezone.now()
        return token

    @classmethod
    def by_confirmation_token(cls, token):
        return cls.objects.filter(confirmation_token_hash=hash_token(token)).first()

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def confirmation_expired(self):
        sent = self.confirmation_sent_at or self.created_at
        return timezone.now() - sent > CONFIRMATION_VALID

    def confirm(self):
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed_at"])

    # -- the links in every digest -----------------------------------------------------------------
    # Every mail carries an unsubscribe link that must keep working (RFC 8058), so it cannot be
    # a single-use secret whose hash alone is stored. It is an HMAC of the subscription's random
    # key with SECRET_KEY: the database alone does not give it away, deleting the subscription
    # ends it, rotating SECRET_KEY ends them all. The "mijn meldingen" link, which shows and
    # ends all alerts of the address, also carries when it was made and works for
    # LINK_VALID["manage"]: each digest brings a fresh one, and the site mails one on request.

    def link_token(self, purpose, issued=None):
        """The id, "-" and 64 hex digits; for a link that expires the first 8 are its issue time
        (so error reports, website/errors.py, recognise every alert token by that shape)."""
        stamp = ""
        if purpose in LINK_VALID:
            stamp = f"{int(issued if issued is not None else timezone.now().timestamp()):08x}"
        value = f"{self.pk}:{self.key}{stamp}"
        digest = salted_hmac(f"alerts.{purpose}", value, algorithm="sha256").hexdigest()
        return f"{self.pk}-{stamp}{digest[len(stamp) :]}"

    def link_url(self, purpose, issued=None):
        """The path of the "unsubscribe" or "manage" link (views of the same name)."""
        return reverse(f"alerts:{purpose}", args=[self.link_token(purpose, issued)])

    @staticmethod
    def link_issued(token):
        """When an expiring link's token says it was made (Unix time), or None."""
        try:
            return int(token.partition("-")[2][:8], 16)
        except ValueError:
            return None

    @classmethod
    def by_link_token(cls, token, purpose):
        """The confirmed subscription the token was made for, or None (also once it expired)."""
        pk, _, secret = token.partition("-")
        if not pk.isdigit() or len(pk) > 18 or len(secret) != 64:
            return None
        issued = None
        if purpose in LINK_VALID:
            issued = cls.link_issued(token)
            age = timezone.now().timestamp() - (issued or 0)
            if issued is None or not 0 <= age <= LINK_VALID[purpose].total_seconds():
                return None
        subscription = cls.objects.confirmed().filter(pk=int(pk)).first()
        if subscription and constant_time_compare(token, subscription.link_token(purpose, issued)):
            return subscription
        return None

    # -- the schedule ------------------------------------------------------------------------------

    def is_due(self, now):
        if self.last_sent_at is None:
            return True
        return now - self.last_sent_at >= PERIODS[self.frequency] - SCHEDULE_TOLERANCE


class SentItem(models.Model):
    """An item a subscription's digest held: it is never sent to that subscription again."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="sent_items"
    )
    item_key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Verstuurd item"
        verbose_name_plural = "Verstuurde items"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "item_key"], name="alerts_item_sent_once"
            )
        ]

    def __str__(self):
        return self.item_key
