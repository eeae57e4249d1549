"""The links in the mails: bad ones get a Dutch 4xx, each works only for what it was made
for, and "mijn meldingen" shows and ends an address's alerts without showing the address."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.mail import link_urls
from alerts.models import Frequency, Subscription

from .conftest import ADDRESS, link_in


def make(address=ADDRESS, query="soort=pet", confirmed=True, **fields):
    return Subscription.objects.create(
        email=address,
        source="agenda",
        query=query,
        label=f"Agenda: {query}",
        frequency=Frequency.WEEKLY,
        privacy_consent_at=timezone.now(),
        confirmed_at=timezone.now() if confirmed else None,
        **fields,
    )


def path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize("name", ["confirm", "unsubscribe", "manage"])
@pytest.mark.parametrize("token", ["onbekend", "1-" + "0" * 64, "-", "9" * 40 + "-x", "x" * 5000])
def test_a_bad_token_is_a_dutch_404(client, home_page, name, token):
    make()
    for method in (client.get, client.post):
        response = method(reverse(f"alerts:{name}", args=[token]))
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    assert Subscription.objects.get().is_confirmed


def test_a_link_works_only_for_its_own_purpose(client, home_page):
    subscription = make()
    manage_token = subscription.link_token("manage")
    response = client.post(reverse("alerts:unsubscribe", args=[manage_token]))
    assert response.status_code == 404
    assert Subscription.objects.exists()


def test_an_expired_confirmation_is_410(client, home_page):
    subscription = make(confirmed=False)
    token = subscription.new_confirmation_token()
    subscription.save()
    eight_days_ago = timezone.now() - timezone.timedelta(days=8)
    Subscription.objects.filter(pk=subscription.pk).update(
        created_at=eight_days_ago, confirmation_sent_at=eight_days_ago
    )
    response = client.post(reverse("alerts:confirm", args=[token]))
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not Subscription.objects.get().is_confirmed


def test_an_unconfirmed_subscription_has_no_working_links(client, home_page):
    subscription = make(confirmed=False)
    response = client.post(path(link_urls(subscription)["unsubscribe_url"]))
    assert response.status_code == 404
    assert Subscription.objects.exists()


def test_the_unsubscribe_link_asks_before_it_ends(client, home_page):
    subscription = make()
    url = path(link_urls(subscription)["unsubscribe_url"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, meld mij af" in page.content.decode()
    assert Subscription.objects.exists()  # a link checker's GET ends nothing
    assert client.post(url).status_code == 200
    assert not Subscription.objects.exists()
    assert client.post(url).status_code == 404


def test_my_alerts_lists_the_address_and_ends_one_or_all(home_page):
    client = Client(enforce_csrf_checks=False)
    first = make()
    second = make(query="soort=pet&regio=zaanstreek-waterland")
    make(address="iemand.anders@example.nl")
    make(query="soort=bijeenkomst", confirmed=False)
    url = path(link_urls(first)["manage_url"])
    page = client.get(url).content.decode()
    assert "Agenda: soort=pet&amp;regio=zaanstreek-waterland" in page
    assert "soort=bijeenkomst" not in page  # not confirmed
    assert ADDRESS not in page and "iemand.anders" not in page

    # Ending the alert the link was made for: the link goes on with the address's other one.
    response = client.post(url, {"stop": str(first.pk)})
    assert response.status_code == 200
    assert "U ontvangt geen meldingen meer over" in response.content.decode()
    assert list(Subscription.objects.confirmed().of_address(ADDRESS)) == [second]
    assert Subscription.by_link_token(form_action(response).split("/")[-2], "manage") == second

    other = Subscription.objects.get(email="iemand.anders@example.nl")
    assert client.post(url, {"stop": str(other.pk)}).status_code == 400  # not this address's
    assert client.post(url, {"stop": "x" * 50}).status_code == 400
    assert client.post(url, {"stop": "alle"}).status_code == 200
    assert not Subscription.objects.confirmed().of_address(ADDRESS).exists()
    assert Subscription.objects.filter(email="iemand.anders@example.nl").exists()


def test_a_link_sent_again_is_valid_for_seven_days_from_its_sending(client, home_page):
    subscription = make(confirmed=False)
    Subscription.objects.filter(pk=subscription.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=8)
    )
    subscription.refresh_from_db()
    token = subscription.new_confirmation_token()  # the visitor asked again today
    subscription.save()
    assert not Subscription.objects.expired().exists()
    response = client.post(reverse("alerts:confirm", args=[token]))
    assert response.status_code in (200, 302, 303)
    assert Subscription.objects.get().is_confirmed


def confirm_url(subscription):
    token = subscription.new_confirmation_token()
    subscription.save()
    return reverse("alerts:confirm", args=[token])


def test_a_confirmation_link_works_once_and_is_no_key_to_my_alerts(client, home_page):
    url = confirm_url(make(confirmed=False))
    confirmed = client.post(url).content.decode()
    assert "Uw melding is bevestigd" in confirmed
    assert reverse("alerts:manage", args=["x"]).split("x")[0] in confirmed  # once, right now

    for method in (client.get, client.post):
        used = method(url)
        html = used.content.decode()
        assert used.status_code == 200
        assert "Deze link is al gebruikt" in html
        assert "/meldingen/beheren/" not in html
        assert "Agenda: soort=pet" not in html
        assert reverse("alerts:request_link") in html


def test_the_unsubscribe_link_is_no_key_to_my_alerts(client, home_page):
    html = client.get(path(link_urls(make())["unsubscribe_url"])).content.decode()
    assert "/meldingen/beheren/" not in html
    assert reverse("alerts:request_link") in html


def form_action(response):
    """Where every form of "mijn meldingen" posts to: one link."""
    [action] = set(re.findall(r'<form method="post" action="([^"]+)"', response.content.decode()))
    return action


@pytest.mark.date_dependent
def test_a_my_alerts_link_expires_and_using_it_makes_it_no_younger(client, home_page, clock):
    first = make()
    make(query="soort=bijeenkomst")
    url = path(link_urls(first)["manage_url"])
    clock.shift(timezone.timedelta(days=13))
    assert client.get(url).status_code == 200
    # Ending the alert the link was made for keeps the page on the same link, as old as ever.
    next_url = form_action(client.post(url, {"stop": str(first.pk)}))
    clock.shift(timezone.timedelta(days=2))
    for expired in (url, next_url):
        response = client.get(expired)
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()


def test_a_my_alerts_link_cannot_be_made_younger(client, home_page):
    """The moment of issue is part of what the HMAC covers."""
    token = make().link_token("manage")
    pk, _, secret = token.partition("-")
    younger = f"{pk}-{int(secret[:8], 16) + 60:08x}{secret[8:]}"
    assert client.get(reverse("alerts:manage", args=[younger])).status_code == 404


@pytest.mark.date_dependent
def test_a_my_alerts_link_is_mailed_on_request_to_an_address_with_alerts(client, home_page):
    make()
    make(address="zonder.bevestiging@example.nl", confirmed=False)
    page = client.get(reverse("alerts:request_link"))
    assert page.status_code == 200
    answers = set()
    for address in (ADDRESS.upper(), "onbekend@example.nl", "zonder.bevestiging@example.nl"):
        response = client.post(reverse("alerts:request_link"), {"email": address})
        assert response.status_code == 200
        answers.add(response.content.decode())
    assert len(answers) == 1  # the same answer whoever asks
    [message] = mail.outbox
    assert message.to == [ADDRESS]
    manage = client.get(link_in(message, "manage"))
    assert "Mijn meldingen" in manage.content.decode()
    assert "Agenda: soort=pet" in manage.content.decode()

    bad = client.post(reverse("alerts:request_link"), {"email": "geen-adres"})
    assert bad.status_code == 400
    assert "Vul een geldig e-mailadres in" in bad.content.decode()


@pytest.mark.parametrize("name", ["confirm", "unsubscribe", "manage", "request_link"])
def test_alert_pages_are_never_stored(client, home_page, name):
    subscription = make()
    args = {
        "confirm": [subscription.new_confirmation_token()],
        "unsubscribe": [subscription.link_token("unsubscribe")],
        "manage": [subscription.link_token("manage")],
        "request_link": [],
    }[name]
    subscription.save()
    response = client.get(reverse(f"alerts:{name}", args=args))
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_my_alerts_changes_how_often_one_alert_is_mailed(home_page):
    client = Client(enforce_csrf_checks=True)
    first = make()
    second = make(query="soort=pet&regio=zaanstreek-waterland")
    url = path(link_urls(first)["manage_url"])
    page = client.get(url)
    assert page["Cache-Control"] and "no-store" in page["Cache-Control"]
    token = page.cookies["csrftoken"].value
    assert (
        client.post(
            url, {"melding": second.pk, f"melding-{second.pk}-frequency": "dagelijks"}
        ).status_code
        == 403
    )  # no CSRF token
    response = client.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "melding": second.pk,
            f"melding-{second.pk}-frequency": Frequency.DAILY,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "U krijgt de meldingen over Agenda: soort=pet&amp;regio=zaanstreek-waterland "
        "voortaan dagelijks." in html
    )
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.frequency, second.frequency) == (Frequency.WEEKLY, Frequency.DAILY)
    # Each alert shows how often it is mailed now, chosen in its own form.
    checked = re.findall(r'name="melding-(\d+)-frequency" value="(\w+)"[^>]* checked', html)
    assert checked == [(str(first.pk), "wekelijks"), (str(second.pk), "dagelijks")]


@pytest.mark.parametrize("frequency", ["", "elk uur", "x" * 5000])
def test_a_bad_frequency_is_a_dutch_400_and_changes_nothing(client, home_page, frequency):
    alert = make()
    url = path(link_urls(alert)["manage_url"])
    response = client.post(url, {"melding": alert.pk, f"melding-{alert.pk}-frequency": frequency})
    assert response.status_code == 400
    assert "Kies dagelijks of wekelijks" in response.content.decode()
    alert.refresh_from_db()
    assert alert.frequency == Frequency.WEEKLY
    other = make(address="iemand.anders@example.nl")
    response = client.post(url, {"melding": other.pk, f"melding-{other.pk}-frequency": "dagelijks"})
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.frequency == Frequency.WEEKLY
