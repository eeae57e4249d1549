"""Alert subscriptions as personal data (core/privacy.py): found by address, handed over,
and erased by deleting them (with the record of what they were sent)."""

from core.privacy import PersonalData, field_values

from .models import Subscription

EXPORTED_FIELDS = [
    "email",
    "label",
    "frequency",
    "privacy_consent_at",
    "created_at",
    "confirmed_at",
    "last_sent_at",
]


def find(address):
    return Subscription.objects.of_address(address).order_by("created_at", "pk")


def export(subscription):
    return field_values(subscription, EXPORTED_FIELDS)


def erase(subscription):
    label = subscription.label
    subscription.delete()
    return f"E-mailmelding over {label}: verwijderd."


SUBSCRIPTIONS = PersonalData("e-mailmeldingen", Subscription, find, export, erase, order=30)
