"""Subscriber addresses are personal data: purged when unconfirmed, handed over and erased
with the rest, and nowhere public."""

import io

from django.core.management import call_command
from django.utils import timezone

from alerts.mail import link_urls
from alerts.models import SentItem, Subscription
from core.privacy import erase_personal_data, personal_data

from .conftest import ADDRESS
from .test_alert_links import make


def test_unconfirmed_subscriptions_are_purged_after_seven_days(home_page):
    old = make(query="soort=pet", confirmed=False)
    recent = make(query="soort=bijeenkomst", confirmed=False)
    old_confirmed = make(query="regio=zaanstreek-waterland")
    Subscription.objects.filter(pk__in=[old.pk, old_confirmed.pk]).update(
        created_at=timezone.now() - timezone.timedelta(days=7, hours=1)
    )
    Subscription.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=6)
    )
    out = io.StringIO()
    call_command("purge_alerts", stdout=out)
    assert "Deleted 1 " in out.getvalue()
    assert set(Subscription.objects.all()) == {recent, old_confirmed}


def test_export_and_erasure_include_subscriptions(home_page):
    subscription = make()
    SentItem.objects.create(subscription=subscription, item_key="event:1")
    make(address="iemand.anders@example.nl")

    data = personal_data(ADDRESS.upper())
    [exported] = data["e-mailmeldingen"]
    assert exported["E-mailadres"] == ADDRESS
    assert exported["Omschrijving"] == "Agenda: soort=pet"
    assert data["elders gevonden"] == []

    erasure = erase_personal_data(ADDRESS)
    assert "E-mailmelding over Agenda: soort=pet: verwijderd." in erasure.done
    assert erasure.left == []
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "iemand.anders@example.nl"
    ]
    assert not SentItem.objects.exists()


def test_the_address_is_on_no_public_page_of_the_flow(client, home_page):
    subscription = make()
    for url in link_urls(subscription).values():
        page = client.get("/" + url.split("://", 1)[1].split("/", 1)[1])
        assert page.status_code == 200
        assert ADDRESS not in page.content.decode()
        assert 'content="noindex, nofollow"' in page.content.decode()
