"""Only what is public leaves through the open data. Data full of private values, each a unique
marker, is created next to public records that point at it; then every endpoint is walked
(the index, each list page by page as JSON, each CSV, the OpenAPI description and the Open
data page) and no marker, and no original image file, may appear anywhere."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from api.models import OpenDataPage
from api.resources import ENDPOINTS
from campuses.models import CampusPage
from events.factories import EventPageFactory, RegistrationFactory
from events.models import EventIndexPage, EventPage
from manifest.factories import InitiativeFactory
from manifest.models import ManifestAction, Signature, SignatureState
from partners.factories import PartnerFactory
from tests.images import png_upload
from website.models import StandardPage

pytestmark = pytest.mark.django_db
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

MARKERS = {
    "unpublished partner": "Verborgen7Qx Ongepubliceerd BV",
    "partner draft": "Concept7Qx Partnernaam",
    "signer name": "Ondertekenaar7Qx Persoon",
    "signer role": "Functie7Qx",
    "signer e-mail": "signer7qx@prive.example.org",
    "signer statement": "Verklaring7Qx privé",
    "unconfirmed signature": "Onbevestigd7Qx Organisatie",
    "rejected signature": "Afgewezen7Qx Organisatie",
    "rejection reason": "Reden7Qx afwijzing",
    "registration name": "Aanmelder7Qx Naam",
    "registration e-mail": "aanmelder7qx@school.example.org",
    "registration school": "School7Qx De Geheime",
    "registration phone": "0612347777",
    "initiative e-mail": "initiatief7qx@prive.example.org",
    "draft initiative": "Conceptinitiatief7Qx",
    "campus e-mail": "campus7qx@prive.example.org",
    "draft page": "Conceptpagina7Qx",
    "page draft title": "Conceptversie7Qx titel",
    "private page": "Besloten7Qx pagina",
    "draft event": "Conceptevenement7Qx",
    "image title": "Afbeelding7Qx titel",
}


def signature(partner=None, **fields):
    return Signature.objects.create(
        partner=partner,
        organisation_name=fields.pop("organisation_name", partner.name if partner else "X"),
        organisation_kind="bedrijfsleven",
        privacy_consent_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def private_data(home_page):
    hidden = PartnerFactory(name=MARKERS["unpublished partner"], live=False)
    public = PartnerFactory(name="Openbaar Bedrijf BV")
    public.name = MARKERS["partner draft"]
    public.save_revision()  # a draft: the row keeps the published name
    public.refresh_from_db()
    logo = get_image_model().objects.create(title=MARKERS["image title"], file=png_upload())
    public.logo = logo
    public.save()

    signature(
        public,
        state=SignatureState.APPROVED,
        signer_name=MARKERS["signer name"],
        signer_role=MARKERS["signer role"],
        contact_email=MARKERS["signer e-mail"],
        statement=MARKERS["signer statement"],
    )
    signature(organisation_name=MARKERS["unconfirmed signature"], contact_email="a@b.example")
    signature(
        hidden,
        organisation_name=MARKERS["rejected signature"],
        state=SignatureState.REJECTED,
        rejection_reason=MARKERS["rejection reason"],
    )
    # An approved signature of an organisation that is not public (any more).
    signature(hidden, state=SignatureState.APPROVED)

    agenda = EventIndexPage.objects.get()
    event = EventPage.objects.live().filter(registration_mode="site").first()
    RegistrationFactory(
        event=event,
        session=event.sessions.first(),
        contact_name=MARKERS["registration name"],
        email=MARKERS["registration e-mail"],
        school_name=MARKERS["registration school"],
        phone=MARKERS["registration phone"],
        places=1,
    )
    EventPageFactory(parent=agenda, title=MARKERS["draft event"], publish=False, live=False)
    event.hosts.add(hidden)

    initiative = InitiativeFactory(
        contact_email=MARKERS["initiative e-mail"], lead_partner=hidden, partners=[hidden, public]
    )
    InitiativeFactory(title=MARKERS["draft initiative"], live=False)
    assert initiative.live

    campus = CampusPage.objects.live().first()
    campus.contact_email = MARKERS["campus e-mail"]
    campus.save()
    campus.partners.add(hidden)

    action = ManifestAction.objects.first()
    action.member_partners.add(hidden)
    action.lead_partner = hidden
    action.save()

    draft = StandardPage(title=MARKERS["draft page"], slug="concept", live=False)
    home_page.add_child(instance=draft)
    about = StandardPage.objects.live().first()
    about.title = MARKERS["page draft title"]
    about.save_revision()
    secret = home_page.add_child(instance=StandardPage(title=MARKERS["private page"], slug="b"))
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    return public


def walk(client):
    """Every answer of the open data, as text."""
    texts = []

    def fetch(url):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8")
        texts.append(text)
        return text

    index = json.loads(fetch(reverse("api:index")))
    for entry in index["endpoints"]:
        url = entry["url"] + "?per_pagina=100"
        while url:
            url = json.loads(fetch(url))["next"]
        fetch(entry["csv"])
    fetch(index["openapi"])
    fetch(OpenDataPage.objects.live().get().url)
    return texts


def test_no_private_value_leaves_through_any_endpoint(client, private_data):
    texts = walk(client)
    everything = "\n".join(texts)
    # The walk saw the public records next to the private values.
    assert "Openbaar Bedrijf BV" in everything
    assert len(texts) == 2 * len(ENDPOINTS) + 3 + everything.count('"previous": "http')
    leaks = {
        what: marker for what, marker in MARKERS.items() if marker.lower() in everything.lower()
    }
    assert leaks == {}
    assert "original_images" not in everything
    # No e-mail address at all in the data (the Open data page names the site's own).
    assert EMAIL.findall("\n".join(texts[:-1])) == []


def test_the_public_logo_is_a_rendition(client, private_data):
    data = json.loads(
        client.get(reverse("api:list", args=["partners"]) + "?per_pagina=100").content
    )
    [item] = [item for item in data["results"] if item["id"] == private_data.pk]
    assert "/images/" in item["logo"] and ".max-240x120." in item["logo"]
