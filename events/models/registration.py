"""Registrations for events on this site: classes for a PET, people for the other events.

Registrant data is personal data (AVG): it is shown only to staff in the admin and deleted
60 days after the event by `purge_registrations`.

A registration holds places only once its e-mail address is confirmed: until then it is an
unconfirmed hold that takes no place, so an invented address cannot fill a date, and it is
deleted when it is not confirmed within `EVENT_REGISTRATION_CONFIRM_HOURS`.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from core.tokens import hash_token


def hold_deadline():
    """Unconfirmed registrations made before this moment have expired."""
    return timezone.now() - timedelta(hours=settings.EVENT_REGISTRATION_CONFIRM_HOURS)


class RegistrationState(models.TextChoices):
    UNCONFIRMED = "onbevestigd", "Wacht op bevestiging e-mailadres"
    CONFIRMED = "bevestigd", "Bevestigd"
    WAITLISTED = "wachtlijst", "Wachtlijst"
    CANCELLED = "afgemeld", "Afgemeld"


# States of a registration whose address is confirmed and that has (or waits for) places.
QUEUED = {RegistrationState.CONFIRMED, RegistrationState.WAITLISTED}

# What a registration holds, in the order staff and registrants read it.
PARTY_FIELDS = ["school_name", "school_reference", "groups", "pupils", "adults", "persons"]
CONTACT_FIELDS = ["contact_name", "email", "phone"]
MOMENTS = ["created_at", "confirmed_at", "promoted_at", "cancelled_at"]

# A reminder's key (`Registration.reminder_key`): longer than any random key (`core.tokens`),
# and in the only characters Wagtail's page URLs take.
REMINDER_KEY = re.compile(r"(?P<pk>[0-9]+)-(?P<proof>[0-9a-f]{64})")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(state=RegistrationState.CANCELLED)

    def confirmed(self):
        return self.filter(state=RegistrationState.CONFIRMED)

    def waitlist(self):
        # In the order the addresses were confirmed: a hold confirmed late queues behind
        # everyone who confirmed before it.
        return self.filter(state=RegistrationState.WAITLISTED).order_by("confirmed_at", "pk")

    def expired_holds(self):
        return self.filter(state=RegistrationState.UNCONFIRMED, created_at__lt=hold_deadline())

    def places(self):
        return self.aggregate(total=Sum("places"))["total"] or 0

    def by_key(self, key):
        """The registration the key in a link opens, or None: its own random key (stored only
        as a hash) or the key a reminder mails (`Registration.reminder_key`)."""
        reminder = REMINDER_KEY.fullmatch(key)
        if reminder is None:
            return self.filter(token_hash=hash_token(key)).first()
        found = self.filter(pk=reminder["pk"]).first()
        if found is None or not constant_time_compare(reminder["proof"], found.reminder_proof()):
            return None
        return found


class Registration(models.Model):
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name="Evenement",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    session = models.ForeignKey(
        "events.EventSession",
        verbose_name="Datum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    state = models.CharField(
        "Status", max_length=12, choices=RegistrationState.choices, db_index=True
    )
    school_name = models.CharField("School", max_length=200, blank=True)
    school_reference = models.CharField("BRIN-nummer of gemeente", max_length=100, blank=True)
    groups = models.CharField("Groep(en)", max_length=100, blank=True)
    pupils = models.PositiveSmallIntegerField("Aantal leerlingen", default=0)
    adults = models.PositiveSmallIntegerField("Aantal begeleiders", default=0)
    contact_name = models.CharField("Naam", max_length=120)
    email = models.EmailField("E-mailadres")
    phone = models.CharField("Telefoonnummer", max_length=30, blank=True)
    persons = models.PositiveSmallIntegerField("Aantal personen", default=0)
    # Places this registration takes: pupils and adults for a class, persons otherwise (each
    # form asks only its own numbers); kept in a column so capacity is one SUM.
    places = models.PositiveIntegerField("Plaatsen", editable=False)
    privacy_consent_at = models.DateTimeField("Toestemming gegeven op", editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("Aangemeld op", auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField("E-mailadres bevestigd op", null=True, editable=False)
    promoted_at = models.DateTimeField("Van de wachtlijst gehaald op", null=True, editable=False)
    cancelled_at = models.DateTimeField("Afgemeld op", null=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = "Aanmelding"
        verbose_name_plural = "Aanmeldingen"
        constraints = [
            # A double submit, or a second registration by the same person, is refused.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(state=RegistrationState.CANCELLED),
                name="one_active_registration_per_email",
            )
        ]

    def __str__(self):
        who = self.school_name or self.contact_name
        return f"{who} - {self.event.title}"

    def save(self, *args, **kwargs):
        self.places = self.party_size
        if self.state in QUEUED and self.confirmed_at is None:
            # Also when staff set the state by hand.
            self.confirmed_at = timezone.now()
        if self.state == RegistrationState.CANCELLED and self.cancelled_at is None:
            self.cancelled_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def party_size(self):
        return self.pupils + self.adults + self.persons

    # The export's columns; a registration keeps no date once its date is deleted.
    @property
    def date_text(self):
        return self.session.date_text if self.session else ""

    @property
    def time_text(self):
        return self.session.time_text if self.session else ""

    @property
    def is_unconfirmed(self):
        return self.state == RegistrationState.UNCONFIRMED

    @property
    def hold_expired(self):
        return self.is_unconfirmed and self.created_at < hold_deadline()

    def shows_on_public_pages(self):
        """An unconfirmed hold takes no place, so it changes no public page (core.pagecache)."""
        return not self.is_unconfirmed

    @property
    def is_cancelled(self):
        return self.state == RegistrationState.CANCELLED

    def reminder_key(self):
        """A second key to this registration, for the mail to an address that signs up again.
        Derived from the stored hash of its own key with the site's secret, it stores nothing
        and leaves the link mailed before working, so a stranger's submission ends no link;
        it ends with that key, when a promotion replaces it."""
        return f"{self.pk}-{self.reminder_proof()}"

    def reminder_proof(self):
        proof = salted_hmac("events.registration.reminder", self.token_hash, algorithm="sha256")
        return proof.hexdigest()

    def mark_cancelled(self):
        self.state = RegistrationState.CANCELLED
        self.save(update_fields=["state", "cancelled_at"])

    def mark_promoted(self, token_hash):
        self.state = RegistrationState.CONFIRMED
        self.promoted_at = timezone.now()
        self.token_hash = token_hash
        self.save(update_fields=["state", "promoted_at", "token_hash"])
