"""Subscriptions to a saved filter (alerts/sources.py) and what each was sent."""

import secrets
from datetime import timedelta

from django.db import models
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete
from django.dispatch import receiver
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
        return _link_token(self.pk, self.key, purpose, issued)

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
        """The confirmed subscription the token was made for, or None (also once it expired).
        A "mijn meldingen" link is for the address: once the alert it was made for has ended,
        it gives the alert of the same address that EndedAlert names."""
        pk, _, secret = token.partition("-")
        if not pk.isdigit() or len(pk) > 18 or len(secret) != 64:
            return None
        issued = None
        if purpose in LINK_VALID:
            issued = cls.link_issued(token)
            age = timezone.now().timestamp() - (issued or 0)
            if issued is None or not 0 <= age <= LINK_VALID[purpose].total_seconds():
                return None
        pk = int(pk)
        subscription = cls.objects.confirmed().filter(pk=pk).first()
        if subscription is not None:
            key = subscription.key
        elif purpose == "manage" and (ended := EndedAlert.objects.filter(pk=pk).first()):
            key = ended.key
            subscription = cls.objects.confirmed().filter(pk=ended.continued_by).first()
        if subscription is None:
            return None
        if constant_time_compare(token, _link_token(pk, key, purpose, issued)):
            return subscription
        return None

    # -- the schedule ------------------------------------------------------------------------------

    def is_due(self, now):
        if self.last_sent_at is None:
            return True
        return now - self.last_sent_at >= PERIODS[self.frequency] - SCHEDULE_TOLERANCE


def _link_token(pk, key, purpose, issued):
    stamp = ""
    if purpose in LINK_VALID:
        stamp = f"{int(issued if issued is not None else timezone.now().timestamp()):08x}"
    digest = salted_hmac(f"alerts.{purpose}", f"{pk}:{key}{stamp}", algorithm="sha256").hexdigest()
    return f"{pk}-{stamp}{digest[len(stamp) :]}"


class EndedAlert(models.Model):
    """A confirmed alert that ended while its address had others, kept as long as a "mijn
    meldingen" link made for it works (LINK_VALID), so that link still opens the address's
    alerts. It holds no address: it names another confirmed alert of the same address, and
    is pointed on whenever that one ends too, or removed once the address has none left."""

    id = models.BigIntegerField(primary_key=True)  # the ended alert's, which its links carry
    key = models.CharField(max_length=64, editable=False)  # the ended alert's
    continued_by = models.BigIntegerField(db_index=True)  # a Subscription's pk
    ended_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "Beëindigde melding"
        verbose_name_plural = "Beëindigde meldingen"

    def __str__(self):
        return f"Beëindigde melding #{self.pk}"

    @classmethod
    def outlived(cls):
        """Those whose links have all expired: to be removed."""
        return cls.objects.filter(ended_at__lt=timezone.now() - LINK_VALID["manage"])


# A receiver rather than Subscription.delete(): alerts also end by deleting a queryset ("stop
# alle") and by the privacy tools, which do not call it. Django sends post_delete for each
# row once the whole batch is gone, so what is left of the address is what continues.
@receiver(post_delete, sender=Subscription)
def _keep_manage_links_working(sender, instance, **kwargs):
    if not instance.is_confirmed:
        return  # it never had links
    pointing_here = EndedAlert.objects.filter(continued_by=instance.pk)
    continued_by = (
        Subscription.objects.confirmed().of_address(instance.email).order_by("pk").first()
    )
    if continued_by is None:
        pointing_here.delete()
        return
    pointing_here.update(continued_by=continued_by.pk)
    # Two requests may end the same alert at once; one record is enough.
    EndedAlert.objects.bulk_create(
        [EndedAlert(pk=instance.pk, key=instance.key, continued_by=continued_by.pk)],
        ignore_conflicts=True,
    )


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
