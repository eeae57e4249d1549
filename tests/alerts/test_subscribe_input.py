"""Hostile and mistaken input to the follow form: a Dutch 4xx, nothing stored or mailed,
never a 500."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alerts.models import Subscription
from events.models import EventIndexPage

from .conftest import ADDRESS


def valid(**overrides):
    return {
        "bron": "agenda",
        "filter": "soort=pet",
        "email": ADDRESS,
        "frequency": "wekelijks",
        "privacy_consent": "on",
    } | overrides


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"email": "<script>alert(1)</script>@example.nl"}, "Vul een geldig e-mailadres in"),
        ({"email": "a" * 5000 + "@example.nl"}, "e-mailadres"),
        ({"email": ""}, "Vul uw e-mailadres in"),
        ({"frequency": "elk uur"}, "Kies dagelijks of wekelijks"),
        ({"privacy_consent": ""}, "Geef toestemming"),
        ({"fax": "bot"}, "automatisch verstuurd"),
        ({"filter": "regio=" + "x" * 3000}, "te lang om te volgen"),
        ({"filter": "soort=pet&" + "&".join(["doelgroep=vo"] * 400)}, "te lang om te volgen"),
    ],
)
def test_bad_input_is_a_dutch_400_and_stores_nothing(client, home_page, overrides, message):
    response = client.post(reverse("alerts:subscribe"), valid(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)" not in html
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_an_unknown_source_is_a_dutch_400(client, home_page):
    for source in ["", "onbekend", "<script>", "x" * 5000]:
        response = client.post(reverse("alerts:subscribe"), valid(bron=source))
        assert response.status_code == 400
        assert "Deze selectie kunt u niet volgen" in response.content.decode()
    assert not Subscription.objects.exists()


def test_unknown_and_invalid_filter_values_are_left_out(client, home_page):
    hostile = "soort=<script>alert(1)</script>&regio=nergens&pagina=2&onbekend=1&doelgroep=vo"
    response = client.post(reverse("alerts:subscribe"), valid(filter=hostile))
    assert response.status_code == 303
    subscription = Subscription.objects.get()
    assert subscription.query == "doelgroep=vo"
    assert subscription.label == "Agenda: doelgroep Voortgezet onderwijs"


def test_only_a_post_subscribes(client, home_page):
    assert client.get(reverse("alerts:subscribe"), valid()).status_code == 405
    assert client.put(reverse("alerts:subscribe")).status_code == 405


# Within one window of the rate limit: it must not end halfway through the test.
@pytest.mark.date_dependent
def test_too_many_requests_are_refused(client, home_page):
    for number in range(10):
        client.post(reverse("alerts:subscribe"), valid(email=f"leraar{number}@example.nl"))
    response = client.post(reverse("alerts:subscribe"), valid(email="nog.een@example.nl"))
    assert response.status_code == 429
    assert not Subscription.objects.filter(email="nog.een@example.nl").exists()


def test_the_listing_stays_the_same_for_every_visitor(home_page):
    """The follow form adds no CSRF token or cookie to the agenda, so a page cache can keep
    serving it; the form is accepted without one."""
    client = Client(enforce_csrf_checks=True)
    agenda = EventIndexPage.objects.live().order_by("path").first()
    first = client.get(agenda.url, {"soort": "pet"})
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert "csrftoken" not in first.cookies
    assert client.get(agenda.url, {"soort": "pet"}).content == first.content
    assert client.post(reverse("alerts:subscribe"), valid()).status_code == 303


# Within one window of the limits: they must not end halfway through the test.
@pytest.mark.date_dependent
def test_resubmitting_from_many_clients_mails_one_address_a_few_times(client, home_page, settings):
    """An open request sends its link again when asked again; from three client IPs, each
    within its own limit, the address still gets only its share of mails this hour."""
    answers = {
        client.post(reverse("alerts:subscribe"), valid(), REMOTE_ADDR=f"203.0.113.{ip}").status_code
        for ip in (1, 2, 3)
        for _ in range(settings.ALERT_SUBSCRIPTIONS_PER_HOUR)
    }
    assert answers == {303}
    assert len(mail.outbox) == settings.MAILS_PER_RECIPIENT_PER_HOUR
    assert Subscription.objects.get().email == ADDRESS
