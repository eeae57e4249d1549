"""Signing up for an event as schools and parents do, and the link the mail sends them."""

from django.core import mail

from events.models import Registration
from tests.mails import link_path


def class_data(**overrides):
    return {
        "school_name": "OBS De Klimop",
        "school_reference": "12AB",
        "groups": ["groep 7", "groep 8"],
        "pupils": "26",
        "adults": "3",
        "contact_name": "Anna de Vries",
        "email": "anna@klimop.example.nl",
        "phone": "",
        "privacy_consent": "on",
    } | overrides


def person_data(**overrides):
    return {
        "contact_name": "Piet Jansen",
        "email": "piet@example.nl",
        "persons": "3",
        "privacy_consent": "on",
    } | overrides


def link_in(message):
    """The path of the registration's own page, which the e-mail links to."""
    return link_path(message, "/aanmelding/")


def register(client, event, data):
    """Sign up and confirm the address with the link in the e-mail, as a registrant does."""
    assert client.post(f"{event.url}aanmelden/", data).status_code == 303
    confirmed = client.post(link_in(mail.outbox[-1]), {"actie": "bevestigen"})
    assert confirmed.status_code == 200
    return Registration.objects.get(event=event, email=data["email"].lower())
