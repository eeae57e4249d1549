"""One person's data, made the way the public and staff make it: signing through the public
form, confirming by the mailed link, moderating in the admin, registering for events through
the public registration form."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from events.factories import EventIndexPageFactory, OnSiteEventFactory
from events.models import EventKind
from manifest.models import Signature
from tests.events.registrations import class_data, person_data, register
from tests.manifest.signatures import SIGN_URL, confirm_link_from_mail, form_data

NAME = "Piet Jansen"
# As the signer typed it; the registration form stores addresses in lower case.
ADDRESS = "Piet.Jansen@Duinzicht.example.nl"
SIGNATURES = "wagtailsnippets_manifest_signature"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def public(db):
    return Client()


@pytest.fixture
def calendar(home_page):
    return EventIndexPageFactory(parent=home_page, title="Testagenda", slug="testagenda")


def sign(public, organisation, **overrides):
    """Sign through the public form; returns the stored signature."""
    domain = organisation.split()[0].lower()
    data = form_data(
        organisation_name=organisation,
        website=f"https://{domain}.example.nl/",
        signer_name=NAME,
        contact_email=ADDRESS,
    )
    response = public.post(SIGN_URL, data | overrides)
    assert response.status_code == 303
    return Signature.objects.get(organisation_name=organisation)


def sign_and_confirm(public, organisation, **overrides):
    signature = sign(public, organisation, **overrides)
    assert public.post(confirm_link_from_mail()).status_code == 200
    signature.refresh_from_db()
    return signature


def moderate(staff, signature, action, **data):
    response = staff.post(reverse(f"{SIGNATURES}:{action}", args=[signature.pk]), data)
    assert response.status_code == 302
    signature.refresh_from_db()
    return signature


@pytest.fixture
def pet(calendar):
    return OnSiteEventFactory(parent=calendar, title="PET Zaandam", capacity=60)


@pytest.fixture
def family_day(calendar):
    return OnSiteEventFactory(
        parent=calendar, title="Ouder-kind-dag", kind=EventKind.FAMILY_DAY, capacity=3
    )


@pytest.fixture
def person(public, admin_client, pet, family_day, settings):
    """Piet Jansen's traces all over the site: four signatures in each state (one approved,
    one open with a logo, one rejected, one approved and then rejected again), a class for a
    PET and a family day with someone waiting behind him; staff edited his registration."""
    # Six mails to one address within a minute: more than the cap per recipient lets through.
    settings.MAILS_PER_RECIPIENT_PER_HOUR = 10
    approved = moderate(
        admin_client, sign_and_confirm(public, "Duinzicht Elektrotechniek"), "approve"
    )
    open_submission = sign(public, "Kustlicht Installaties")
    rejected = moderate(
        admin_client,
        sign_and_confirm(public, "Zeewind Techniek"),
        "reject",
        reason=f"Na overleg met {NAME}: geen techniekbedrijf.",
    )
    withdrawn = moderate(admin_client, sign_and_confirm(public, "Polderkracht Energie"), "approve")
    moderate(admin_client, withdrawn, "reject", reason="Toch niet in Noord-Holland.")

    school = register(public, pet, class_data(contact_name=NAME, email=ADDRESS.upper()))
    family = register(public, family_day, person_data(contact_name=NAME, email=ADDRESS))
    waiting = register(
        public, family_day, person_data(contact_name="Els Bakker", email="els@example.nl")
    )
    edit = reverse("wagtailsnippets_events_registration:edit", args=[family.pk])
    response = admin_client.post(
        edit,
        {"state": family.state, "contact_name": NAME, "email": family.email, "phone": "0612345678"}
        | {"session": family.session_id, "pupils": 0, "adults": 0, "persons": 3},
    )
    assert response.status_code == 302
    mail.outbox.clear()
    return {
        "approved": approved,
        "open": open_submission,
        "rejected": rejected,
        "withdrawn": withdrawn,
        "school": school,
        "family": family,
        "waiting": waiting,
    }
