"""Signatures as personal data (core/privacy.py), found by the signer's e-mail address. An
approved signature is the organisation's public endorsement: erasing it anonymises the
person and the organisation stays a signatory; any other submission is deleted
(Signature.discard)."""

from core.privacy import PersonalData, field_values

from .models import Signature, SignatureState

# What the signer told us and what became of it; the admin's inspect view shows it too.
EXPORTED_FIELDS = [
    "organisation_name",
    "organisation_kind",
    "website",
    "region",
    "education_levels",
    "logo",
    "partner",
    "signer_name",
    "signer_role",
    "statement",
    "contact_email",
    "state",
    "privacy_consent_at",
    "manifest_revision",
    "created_at",
    "confirmation_sent_at",
    "confirmed_at",
    "moderated_at",
    "rejection_reason",
]


def find(address):
    return (
        Signature.objects.filter(contact_email__iexact=address)
        .select_related("partner", "region", "logo", "manifest_revision")
        .prefetch_related("education_levels")
        .order_by("created_at", "pk")
    )


def export(signature):
    return field_values(signature, EXPORTED_FIELDS)


def erase(signature):
    organisation = signature.organisation_name
    if signature.state == SignatureState.APPROVED:
        signature.anonymise()
        return (
            f"Ondertekening voor {organisation}: naam, functie, verklaring en e-mailadres van "
            f"de ondertekenaar gewist; {organisation} blijft ondertekenaar van het manifest."
        )
    state = signature.get_state_display().lower()
    signature.discard()
    return f"Ondertekening voor {organisation} ({state}): verwijderd, met het ingestuurde logo."


SIGNATURES = PersonalData("ondertekeningen", Signature, find, export, erase, order=10)
