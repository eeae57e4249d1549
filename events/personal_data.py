"""Registrations as personal data (core/privacy.py): found by the registrant's e-mail
address, handed over with their event and date, and erased as a cancellation would be, so
the waitlist moves up."""

from functools import partial

from core.privacy import PersonalData, field_values

from .models.registration import CONTACT_FIELDS, MOMENTS, PARTY_FIELDS, Registration
from .signup import delete_registration

EXPORTED_FIELDS = ["event", "session", "state", *PARTY_FIELDS, *CONTACT_FIELDS]
EXPORTED_FIELDS += ["privacy_consent_at", *MOMENTS]


def find(address):
    return (
        Registration.objects.filter(email__iexact=address)
        .select_related("event", "session__event")
        .order_by("created_at", "pk")
    )


def erase(registration):
    what = f"Aanmelding voor {registration.session or registration.event.title}"
    promoted = delete_registration(registration)
    if promoted:
        return (
            f"{what}: verwijderd; {len(promoted)} aanmelding(en) van de wachtlijst kregen de "
            "plaatsen en zijn gemaild."
        )
    return f"{what}: verwijderd."


export = partial(field_values, names=EXPORTED_FIELDS)
REGISTRATIONS = PersonalData("aanmeldingen", Registration, find, export, erase, order=20)
