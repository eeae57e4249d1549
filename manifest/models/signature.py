"""Signatures: organisations endorsing the manifest, confirmed by e-mail and moderated."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model

from core.models import demo_flag
from core.tokens import new_token
from partners.models import Partner

CONFIRMATION_LIFETIME = timedelta(days=7)
STATEMENT_MAX_LENGTH = 500
SIGNATORY_LOGO_SPEC = "max-240x120"


class InvalidTransition(Exception):
    """A signature was asked to move to a state it cannot reach from where it is."""


class SignatureState(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "Niet bevestigd"
    CONFIRMED = "confirmed", "Bevestigd, wacht op beoordeling"
    APPROVED = "approved", "Goedgekeurd"
    REJECTED = "rejected", "Afgewezen"


class SignatureQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=SignatureState.APPROVED)

    def with_logos(self):
        """With partner and logo rendition fetched in bulk, for the wall (O(1) queries)."""
        logos = get_image_model().objects.prefetch_renditions(SIGNATORY_LOGO_SPEC)
        return self.select_related("partner").prefetch_related(
            Prefetch("partner__logo", queryset=logos)
        )

    def awaiting_moderation(self):
        return self.filter(state=SignatureState.CONFIRMED)


class Signature(models.Model):
    """One organisation's endorsement of the manifest.

    States: unconfirmed -> confirmed (the signer clicked the e-mail link) -> approved or
    rejected (by a moderator). Only approved signatures are public. The contact name and
    e-mail address are private and never shown outside the admin.
    """

    partner = models.ForeignKey(
        Partner, verbose_name="Organisatie", on_delete=models.CASCADE, related_name="signatures"
    )
    signer_name = models.CharField("Naam ondertekenaar", max_length=120, blank=True)
    signer_role = models.CharField("Functie", max_length=120, blank=True)
    statement = models.TextField("Waarom wij tekenen", max_length=STATEMENT_MAX_LENGTH, blank=True)
    contact_email = models.EmailField("E-mailadres (privé)", blank=True)
    privacy_consent_at = models.DateTimeField("Toestemming privacyverklaring op")
    manifest_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="Ondertekende versie van het manifest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        "Status",
        max_length=20,
        choices=SignatureState.choices,
        default=SignatureState.UNCONFIRMED,
        db_index=True,
    )
    confirmation_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirmation_sent_at = models.DateTimeField("Bevestigingsmail verstuurd op", null=True)
    confirmation_error = models.TextField("Fout bij versturen", blank=True)
    confirmed_at = models.DateTimeField("Bevestigd op", null=True, blank=True)
    moderated_at = models.DateTimeField("Beoordeeld op", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Beoordeeld door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField("Reden van afwijzing", blank=True)
    is_demo = demo_flag()
    created_at = models.DateTimeField("Ondertekend op", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SignatureQuerySet.as_manager()

    panels = [
        FieldPanel("partner", read_only=True),
        FieldPanel("signer_name"),
        FieldPanel("signer_role"),
        FieldPanel("statement"),
        FieldPanel("contact_email"),
        FieldPanel("state", read_only=True),
        FieldPanel("rejection_reason", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Ondertekening"
        verbose_name_plural = "Ondertekeningen"
        permissions = [("moderate_signature", "Kan ondertekeningen beoordelen")]
        constraints = [
            # One organisation signs once; a rejected attempt does not block a new one.
            models.UniqueConstraint(
                fields=["partner"],
                condition=~models.Q(state="rejected"),
                name="signature_one_per_partner",
            )
        ]

    def __str__(self):
        return f"{self.partner.name} ({self.get_state_display().lower()})"

    def new_confirmation_token(self):
        """A fresh single-use token; only its hash is stored. Call save() afterwards."""
        token, self.confirmation_token_hash = new_token()
        self.confirmation_sent_at = timezone.now()
        return token

    @property
    def confirmation_expired(self):
        sent = self.confirmation_sent_at or self.created_at
        return timezone.now() - sent > CONFIRMATION_LIFETIME

    def _move(self, allowed_from, to):
        if self.state not in allowed_from:
            raise InvalidTransition(f"{self.get_state_display()} -> {to}")
        self.state = to

    def confirm(self):
        self._move({SignatureState.UNCONFIRMED}, SignatureState.CONFIRMED)
        self.confirmed_at = timezone.now()
        self.save(update_fields=["state", "confirmed_at", "updated_at"])

    def approve(self, user):
        self._move({SignatureState.CONFIRMED}, SignatureState.APPROVED)
        self.moderated_by, self.moderated_at = user, timezone.now()
        self.save(update_fields=["state", "moderated_by", "moderated_at", "updated_at"])
        if not self.partner.live:
            self.partner.save_revision(user=user).publish(user=user)

    def reject(self, user, reason):
        if not reason.strip():
            raise InvalidTransition("Een afwijzing heeft een reden nodig.")
        self._move({SignatureState.CONFIRMED, SignatureState.APPROVED}, SignatureState.REJECTED)
        self.moderated_by, self.moderated_at = user, timezone.now()
        self.rejection_reason = reason.strip()
        self.save(
            update_fields=[
                "state",
                "moderated_by",
                "moderated_at",
                "rejection_reason",
                "updated_at",
            ]
        )

    def anonymise(self):
        self.signer_name = self.signer_role = self.statement = self.contact_email = ""
        self.confirmation_token_hash = ""
        self.save()
