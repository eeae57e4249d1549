"""Signatures: organisations endorsing the manifest, confirmed by e-mail and moderated.

What a signer says about their organisation (name, website, logo, ...) is a proposal kept on
the signature. Nothing public changes before a person confirmed and a moderator approved it:
only then is a new organisation added to the registry, and the proposal for an organisation
already there is taken over as far as the moderator accepts it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model

from core.models import EducationLevel, Region, demo_flag, optional_image
from core.privacy import forget_deleted, forget_in_log
from core.tokens import new_token
from partners.logos import logo_collection
from partners.models import Partner, PartnerKind
from partners.normalise import organisation_key

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
        """For the wall: partner and logo rendition in a fixed few queries."""
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
        Partner,
        verbose_name="Organisatie in het register",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatures",
        help_text="De organisatie in het register waar deze ondertekening bij hoort; bij een "
        "nieuwe organisatie leeg tot de goedkeuring.",
    )
    # The organisation as the signer described it: a proposal until a moderator approves it.
    organisation_name = models.CharField("Naam organisatie (ingestuurd)", max_length=200)
    organisation_kind = models.CharField(
        "Soort organisatie (ingestuurd)", max_length=20, choices=PartnerKind.choices
    )
    website = models.URLField("Website (ingestuurd)", max_length=200, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name="Regio (ingestuurd)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    education_levels = models.ManyToManyField(
        EducationLevel, verbose_name="Onderwijsniveaus (ingestuurd)", blank=True, related_name="+"
    )
    logo = optional_image("Logo (ingestuurd)")
    # Derived on save: two submissions by one person for one organisation are one submission.
    organisation_key = models.CharField(max_length=200, editable=False, default="")
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
    # What the approval did to the registry, so that rejecting it later undoes exactly that.
    created_partner = models.BooleanField(default=False, editable=False)
    replaced_values = models.JSONField(default=dict, blank=True, editable=False)
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
            # An organisation is a signatory once.
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(state="approved"),
                name="signature_one_approved_per_partner",
            ),
            # A double submit is one submission; someone else's submission for the same
            # organisation is not blocked by it.
            models.UniqueConstraint(
                fields=["organisation_key", "contact_email"],
                condition=Q(state__in=["unconfirmed", "confirmed"]),
                name="signature_one_open_submission_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.organisation_name} ({self.get_state_display().lower()})"

    def save(self, *args, **kwargs):
        self.organisation_key = organisation_key(self.organisation_name)
        super().save(*args, **kwargs)

    @staticmethod
    def annotate_signatory(partners):
        """`partners` with `signatory`: whether the organisation signed (is approved)."""
        approved = Signature.objects.approved().filter(partner=OuterRef("pk"))
        return partners.annotate(signatory=Exists(approved))

    def shows_on_public_pages(self):
        """Only an approved signature is on the wall, and only a moderated one may have been
        (core.pagecache): a submission waiting for its confirmation or its moderator changes
        no public page."""
        return self.state == SignatureState.APPROVED or self.moderated_at is not None

    def new_confirmation_token(self):
        """A fresh single-use token; only its hash is stored. Call save() afterwards."""
        token, self.confirmation_token_hash = new_token()
        self.confirmation_sent_at = timezone.now()
        return token

    @property
    def confirmation_expired(self):
        sent = self.confirmation_sent_at or self.created_at
        return timezone.now() - sent > CONFIRMATION_LIFETIME

    def proposed_changes(self):
        """(field, current value, proposed value) for each proposed value that differs from
        the organisation already in the registry; empty for a new organisation."""
        if self.partner is None:
            return []
        changes = [
            ("logo", self.partner.logo, self.logo),
            ("name", self.partner.name, self.organisation_name),
            ("website", self.partner.website, self.website),
        ]
        return [change for change in changes if change[2] and change[2] != change[1]]

    def _move(self, allowed_from, to):
        if self.state not in allowed_from:
            raise InvalidTransition(f"{self.get_state_display()} -> {to}")
        self.state = to

    def confirm(self):
        self._move({SignatureState.UNCONFIRMED}, SignatureState.CONFIRMED)
        self.confirmed_at = timezone.now()
        self.save(update_fields=["state", "confirmed_at", "updated_at"])

    def approve(self, user, accept=()):
        """Approve: the organisation becomes a signatory. A new organisation joins the
        registry as proposed; for one already there, only the proposed values in `accept`
        ("logo", "name", "website") replace its own. Call inside a transaction."""
        self._move({SignatureState.CONFIRMED}, SignatureState.APPROVED)
        if self.partner is None:
            self.partner = Partner.objects.matching(self.organisation_name, self.website).first()
        if self.partner is None:
            self.partner = self.new_partner()
            self.created_partner = True
        elif self.partner.signatures.approved().exclude(pk=self.pk).exists():
            raise InvalidTransition(f"{self.partner.name} heeft het manifest al ondertekend.")
        else:
            # The accepted proposals replace the partner's values; keep those (a logo by id).
            for field, current, proposed in self.proposed_changes():
                if field in accept:
                    self.replaced_values[field] = getattr(current, "pk", current)
                    setattr(self.partner, field, proposed)
        self.moderated_by, self.moderated_at = user, timezone.now()
        self.save()
        if self.partner.logo_id and self.partner.logo_id == self.logo_id:
            # From the proposals to the logos editors can choose.
            get_image_model().objects.filter(pk=self.logo_id).update(collection=logo_collection())
        if not self.partner.live or self.replaced_values:
            publish_as(self.partner, user)

    def new_partner(self):
        partner = Partner(
            name=self.organisation_name,
            slug=Partner.unique_slug(self.organisation_name),
            kind=self.organisation_kind,
            website=self.website,
            logo=self.logo,
            live=False,
        )
        partner.regions = [self.region] if self.region_id else []
        partner.education_levels = list(self.education_levels.all())
        partner.save()
        return partner

    def reject(self, user, reason):
        """Reject, with a reason for the signer. Rejecting an approval undoes it: an
        organisation the approval created leaves the public site, and values it took over
        are put back."""
        if not reason.strip():
            raise InvalidTransition("Een afwijzing heeft een reden nodig.")
        was_approved = self.state == SignatureState.APPROVED
        self._move({SignatureState.CONFIRMED, SignatureState.APPROVED}, SignatureState.REJECTED)
        self.moderated_by, self.moderated_at = user, timezone.now()
        self.rejection_reason = reason.strip()
        self.save()
        if was_approved:
            self.undo_approval(user)
        self.discard_logo()

    def undo_approval(self, user):
        partner = self.partner
        if self.created_partner:
            partner.logo = None
            partner.save(update_fields=["logo", "updated_at"])
            if partner.live:
                UnpublishAction(partner, user=user).execute(skip_permission_checks=True)
            return
        if self.replaced_values:
            for field, previous in self.replaced_values.items():
                setattr(partner, "logo_id" if field == "logo" else field, previous)
            publish_as(partner, user)

    def discard_logo(self):
        """Delete the proposed logo unless the registry uses it."""
        if self.logo_id and not Partner.objects.filter(logo_id=self.logo_id).exists():
            logo = self.logo
            self.logo = None
            self.save(update_fields=["logo", "updated_at"])
            logo.delete()

    def discard(self):
        """Delete this submission with what only existed through it: the logo it sent in and,
        after an approval that was rejected again, the organisation that approval added (it
        is no longer public, and no other signature refers to it). Not for an approved
        signature: the organisation's signing is public."""
        if self.state == SignatureState.APPROVED:
            raise InvalidTransition("Een goedgekeurde ondertekening wordt niet verwijderd.")
        logo = self.logo
        added = self.partner if self.created_partner else None
        with transaction.atomic():
            self.delete()
            if added is not None and not added.live and not added.signatures.exists():
                forget_deleted(added)
                added.delete()
            if logo is not None and not Partner.objects.filter(logo=logo).exists():
                logo.delete()

    def anonymise(self):
        """Keep that an organisation signed or was turned down, not who asked or why. The
        organisation's own name and website stay: they are not the person's."""
        personal = [self.signer_name, self.contact_email]
        self.signer_name = self.signer_role = self.statement = self.contact_email = ""
        self.rejection_reason = ""
        # A mail server's refusal often quotes the recipient's address.
        self.confirmation_error = ""
        self.confirmation_token_hash = ""
        self.save()
        forget_in_log(self, personal)


def publish_as(partner, user):
    """Publish the partner as it is now, on behalf of the moderator: moderating a signature
    is the permission that counts here, not editing the registry."""
    partner.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    partner.refresh_from_db()  # publishing saved a copy made from the revision
