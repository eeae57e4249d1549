"""A teacher follows a filter of the agenda, confirms, and hears of a matching PET once."""

import re
from urllib.parse import parse_qs

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.models import Frequency, SentItem, Subscription
from alerts.subscribing import MAX_OPEN_PER_ADDRESS
from core.models import Region

from .conftest import (
    ADDRESS,
    link_in,
    selection_offered,
    send,
    subscribe,
    subscribe_and_confirm,
)

FILTER = {"soort": "pet", "regio": "zaanstreek-waterland", "doelgroep": "basisschool"}


def follow(client, agenda, params=FILTER):
    """Follow the agenda's selection through the form on the agenda page."""
    selection = selection_offered(client, agenda.url, params, "agenda")
    return subscribe(client, "agenda", selection, Frequency.DAILY)


@pytest.fixture
def confirmed(client, agenda):
    """The teacher followed the filter and confirmed by the mailed link."""
    selection = selection_offered(client, agenda.url, FILTER, "agenda")
    _, subscription = subscribe_and_confirm(client, "agenda", selection, Frequency.DAILY)
    return subscription


def test_following_stores_the_valid_filters_and_mails_a_confirmation_only(client, agenda):
    response = follow(client, agenda, FILTER | {"pagina": "2", "weergave": "maand"})
    assert response.status_code == 303
    assert "Bevestig uw e-mailadres" in client.get(response["Location"]).content.decode()
    subscription = Subscription.objects.get(email=ADDRESS)
    assert parse_qs(subscription.query) == {key: [value] for key, value in FILTER.items()}
    assert subscription.label == (
        "Agenda: doelgroep Basisschool groep 5-8, Promotie Event Techniek (PET), "
        "regio Zaanstreek/Waterland"
    )
    assert not subscription.is_confirmed
    [confirmation] = mail.outbox
    assert confirmation.to == [ADDRESS]
    assert "Zaanstreek/Waterland" in confirmation.body
    assert "List-Unsubscribe" not in confirmation.extra_headers


def test_the_teacher_gets_one_mail_for_a_matching_pet_and_none_after_unsubscribing(
    confirmed, publish_pet, zaanstreek
):
    publish_pet("PET Zaandam: techniek op de Hemweg")
    other_region = Region.objects.exclude(pk=zaanstreek.pk).first()
    publish_pet("PET elders", region=other_region)
    publish_pet("PET voor het vo", audience="vo")
    publish_pet("Ouder-kind-dag Zaandam", kind="ouder-kind-dag")

    [digest] = send("--now")
    assert digest.to == [ADDRESS]
    # In words, not "1 nieuw in uw selectie: Agenda: ..."
    assert digest.subject == "1 nieuw evenement in uw selectie van de agenda"
    assert digest.body.startswith(
        "1 nieuw evenement in uw selectie van de agenda\nUw selectie: Agenda: doelgroep "
    )
    assert "PET Zaandam: techniek op de Hemweg" in digest.body
    for other in ["PET elders", "PET voor het vo", "Ouder-kind-dag"]:
        assert other not in digest.body
    html, mimetype = digest.alternatives[0]
    assert mimetype == "text/html"
    assert "PET Zaandam: techniek op de Hemweg" in html
    unsubscribe = link_in(digest, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(digest, "manage")

    assert send("--now") == []  # idempotent: nothing twice
    assert send() == []  # and a scheduled run neither

    # RFC 8058: the mail program POSTs, without cookie or CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    assert "U bent afgemeld" in one_click.content.decode()
    assert not Subscription.objects.exists()
    assert not SentItem.objects.exists()
    publish_pet("PET Wormerveer")
    assert send("--now") == []


def test_nothing_is_sent_before_confirmation(client, agenda, publish_pet):
    follow(client, agenda)
    mail.outbox.clear()
    publish_pet("PET Zaandam")
    assert send("--now") == []


def test_the_confirmation_page_asks_before_it_confirms(client, agenda):
    follow(client, agenda)
    link = link_in(mail.outbox[-1], "confirm")
    page = client.get(link)
    assert "Ja, stuur mij meldingen" in page.content.decode()
    assert not Subscription.objects.get().is_confirmed  # link scanners change nothing
    assert client.post(link).status_code == 200
    assert Subscription.objects.get().is_confirmed
    again = client.get(link)
    assert again.status_code == 200
    assert "al bevestigd" in again.content.decode()


def test_a_scheduled_run_respects_daily_and_weekly(confirmed, publish_pet):
    publish_pet("PET Zaandam")
    assert len(send()) == 1  # the first digest goes at the first run
    publish_pet("PET Krommenie")
    assert send() == []  # a day has not passed yet
    confirmed.refresh_from_db()
    Subscription.objects.filter(pk=confirmed.pk).update(
        last_sent_at=timezone.now() - timezone.timedelta(hours=23)
    )
    [digest] = send()
    assert "PET Krommenie" in digest.body and "PET Zaandam" not in digest.body

    Subscription.objects.filter(pk=confirmed.pk).update(
        frequency=Frequency.WEEKLY, last_sent_at=timezone.now() - timezone.timedelta(days=3)
    )
    publish_pet("PET Purmerend")
    assert send() == []
    assert len(send("--now")) == 1


def test_a_pet_published_before_subscribing_is_not_new(client, agenda, publish_pet):
    publish_pet("PET van vorige maand")
    follow(client, agenda)
    client.post(link_in(mail.outbox[-1], "confirm"))
    assert send("--now") == []


def test_following_again_sends_no_second_confirmation_once_confirmed(client, agenda, confirmed):
    assert follow(client, agenda).status_code == 303
    assert mail.outbox == []
    assert Subscription.objects.count() == 1


def test_one_address_cannot_be_flooded_with_confirmations(client, agenda, settings):
    regions = list(Region.objects.values_list("slug", flat=True))
    for region in regions[:7]:
        assert follow(client, agenda, {"regio": region}).status_code == 303
    assert len(mail.outbox) == settings.MAILS_PER_RECIPIENT_PER_HOUR  # the cap per recipient
    # A request whose link the cap held back is not stored.
    assert Subscription.objects.count() == settings.MAILS_PER_RECIPIENT_PER_HOUR


def test_one_address_has_a_few_open_requests_at_most(client, agenda, settings):
    settings.MAILS_PER_RECIPIENT_PER_HOUR = 10
    regions = list(Region.objects.values_list("slug", flat=True))
    for region in regions[:7]:
        assert follow(client, agenda, {"regio": region}).status_code == 303
    assert len(mail.outbox) == Subscription.objects.count() == MAX_OPEN_PER_ADDRESS


def test_alert_mails_have_the_reply_to_of_the_site_settings(client, agenda):
    from wagtail.models import Site

    from core.models import MailSettings

    settings = MailSettings.for_site(Site.objects.get(is_default_site=True))
    settings.reply_to_email = "redactie@provincie.example.nl"
    settings.save()
    follow(client, agenda)
    assert mail.outbox[-1].reply_to == ["redactie@provincie.example.nl"]


def test_a_digest_of_more_events_counts_them_in_words(confirmed, publish_pet):
    publish_pet("PET Zaandam")
    publish_pet("PET Krommenie")
    [digest] = send("--now")
    assert digest.subject == "2 nieuwe evenementen in uw selectie van de agenda"
    html, _ = digest.alternatives[0]
    assert (
        '<h1 style="font-size: 1.3em;">2 nieuwe evenementen in uw selectie van de agenda</h1>'
        in html
    )


def test_the_sent_page_leads_back_to_the_agenda_with_the_selection(client, agenda):
    response = follow(client, agenda, FILTER | {"pagina": "2"})
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert page.status_code == 200
    query = Subscription.objects.get().query.replace("&", "&amp;")
    assert f'<a href="{agenda.url}?{query}">Terug naar de agenda</a>' in page.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"bron": "agenda", "filter": "soort=pet&next=https://evil.example"},
        {"bron": "agenda", "filter": "regio=//evil.example&soort=pet"},
        {"bron": "https://evil.example", "filter": "soort=pet"},
        {"bron": "agenda", "filter": "x" * 5000},
    ],
)
def test_the_way_back_leads_only_to_a_listing_of_the_site(client, agenda, params):
    page = client.get(reverse("alerts:subscribed"), params)
    assert page.status_code == 200
    html = page.content.decode()
    assert "evil.example" not in html
    back = re.findall(r'<a href="([^"]*)">Terug naar', html)
    assert back in ([f"{agenda.url}?soort=pet"], [agenda.url], [])
