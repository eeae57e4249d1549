"""Following a search of the partner directory: newly published partners that match."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from alerts.models import Subscription
from core.models import Region
from partners.factories import PartnerFactory
from partners.models import PartnerIndexPage, directory_facets

from .conftest import ADDRESS, selection_offered, send, subscribe_and_confirm


def publish_partner(name, region, **fields):
    partner = PartnerFactory(name=name, live=False, regions=[region], **fields)
    partner.save_revision().publish()
    return partner


@pytest.fixture
def following(client, home_page):
    directory = PartnerIndexPage.objects.live().get()
    params = {"regio": "zaanstreek-waterland", "soort": "onderwijs", "sortering": "naam"}
    selection = selection_offered(client, directory.url, params, "partners")
    sent_page, subscription = subscribe_and_confirm(client, "partners", selection, "wekelijks")
    query = "soort=onderwijs&amp;regio=zaanstreek-waterland"
    assert f'<a href="{directory.url}?{query}">Terug naar de partnergids</a>' in sent_page
    return subscription


def test_the_saved_search_keeps_its_facets_and_drops_the_sort(following):
    assert following.query == "soort=onderwijs&regio=zaanstreek-waterland"
    assert following.label == "Partnergids: soort Onderwijs, regio Zaanstreek/Waterland"


def test_a_newly_published_matching_partner_is_mailed_once(following):
    zaanstreek = Region.objects.get(slug="zaanstreek-waterland")
    other = Region.objects.exclude(pk=zaanstreek.pk).first()
    publish_partner("ROC Zaanoever Techniek", zaanstreek, kind="onderwijs")
    publish_partner("Zaanse Machinebouw", zaanstreek, kind="bedrijfsleven")
    publish_partner("ROC Elders", other, kind="onderwijs")
    PartnerFactory(name="Concept College", live=False, regions=[zaanstreek], kind="onderwijs")

    [digest] = send("--now")
    assert digest.subject == "1 nieuwe partner in uw selectie van de partnergids"
    assert "ROC Zaanoever Techniek" in digest.body
    for name in ["Zaanse Machinebouw", "ROC Elders", "Concept College"]:
        assert name not in digest.body
    assert send("--now") == []


def test_words_in_the_search_narrow_the_alert(client, home_page):
    zaanstreek = Region.objects.get(slug="zaanstreek-waterland")
    Subscription.objects.create(
        email=ADDRESS,
        source="partners",
        query="q=robotica",
        label="Partnergids: zoekwoorden “robotica”",
        privacy_consent_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    publish_partner("Robotica Lab Zaandam", zaanstreek)
    publish_partner("Bakkerij De Zaan", zaanstreek)
    [digest] = send("--now")
    assert "Robotica Lab Zaandam" in digest.body
    assert "Bakkerij De Zaan" not in digest.body


def test_the_label_of_a_search_carries_no_link_or_message(client, home_page):
    typed = "Win een prijs op https://evil.example.com/?x=1 <b>nu</b> " + "bel " * 40
    response = client.post(
        reverse("alerts:subscribe"),
        {
            "bron": "partners",
            "filter": f"q={typed}",
            "email": ADDRESS,
            "frequency": "wekelijks",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 303
    label = Subscription.objects.get().label
    assert label.startswith("Partnergids: zoekwoorden “win een prijs op https evil example com")
    assert "://" not in label and "<" not in label and len(label) < 100
    assert label in mail.outbox[-1].body


def test_a_selection_too_long_to_keep_is_refused_in_dutch(client, home_page):
    every_value = [
        (facet.facet.param, value) for facet in directory_facets() for value in facet.facet.labels()
    ]
    typed = urlencode([("q", "techniek " * 22), *every_value])
    assert len(typed) < 2000
    response = client.post(
        reverse("alerts:subscribe"),
        {
            "bron": "partners",
            "filter": typed,
            "email": ADDRESS,
            "frequency": "wekelijks",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 400
    assert "te lang om te volgen" in response.content.decode()
    assert not Subscription.objects.exists()
