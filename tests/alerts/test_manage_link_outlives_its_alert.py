"""A "mijn meldingen" link is a key to the address's alerts, not to the one alert it was made
for: it keeps working, within its 14 days, while the address has other confirmed alerts."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.mail import link_urls
from alerts.models import EndedAlert, Subscription
from alerts.personal_data import SUBSCRIPTIONS

from .conftest import ADDRESS, link_in
from .test_alert_links import make, path

pytestmark = pytest.mark.usefixtures("home_page")


def client():
    return Client(enforce_csrf_checks=False)


def test_a_requested_link_works_after_stopping_the_alert_it_was_made_for():
    first = make()
    second = make(query="soort=bijeenkomst")
    browser = client()
    browser.post(reverse("alerts:request_link"), {"email": ADDRESS})
    url = link_in(mail.outbox[-1], "manage")
    assert browser.get(url).status_code == 200
    assert browser.post(url, {"stop": str(first.pk)}).status_code == 200

    again = browser.get(url)
    assert again.status_code == 200
    html = again.content.decode()
    assert "Agenda: soort=bijeenkomst" in html and "Agenda: soort=pet<" not in html
    assert list(Subscription.objects.confirmed()) == [second]


def test_a_digests_manage_link_works_after_its_unsubscribe_link():
    ended = make()
    make(query="soort=bijeenkomst")
    links = link_urls(ended)
    browser = client()
    assert browser.post(path(links["unsubscribe_url"])).status_code == 200
    assert browser.post(path(links["unsubscribe_url"])).status_code == 404  # it ended that one

    page = browser.get(path(links["manage_url"]))
    assert page.status_code == 200
    assert "Agenda: soort=bijeenkomst" in page.content.decode()


def test_the_link_follows_the_address_through_several_ended_alerts():
    first, second, third = (make(query=f"soort={kind}") for kind in ("pet", "a", "b"))
    url = path(link_urls(first)["manage_url"])
    browser = client()
    browser.post(url, {"stop": str(first.pk)})
    second.delete()  # ended by its own unsubscribe link, say
    page = browser.get(url)
    assert page.status_code == 200
    assert "Agenda: soort=b" in page.content.decode()
    assert browser.post(url, {"stop": str(third.pk)}).status_code == 200

    # Nothing of the address is left: the link ends with it, also for a later alert.
    make(query="soort=c")
    assert browser.get(url).status_code == 404


def test_the_unsubscribe_link_of_an_ended_alert_ends_no_other():
    ended = make()
    other = make(query="soort=bijeenkomst")
    url = path(link_urls(ended)["unsubscribe_url"])
    browser = client()
    browser.post(url)
    assert browser.post(url).status_code == 404
    assert list(Subscription.objects.all()) == [other]


def test_the_link_of_an_ended_alert_shows_no_other_address():
    ended = make()
    make(query="soort=bijeenkomst")
    make(address="iemand.anders@example.nl")
    url = path(link_urls(ended)["manage_url"])
    ended.delete()
    html = client().get(url).content.decode()
    assert html.count('name="stop"') == 1  # the address's other alert only


@pytest.mark.date_dependent
def test_the_link_of_an_ended_alert_still_expires(clock):
    ended = make()
    make(query="soort=bijeenkomst")
    url = path(link_urls(ended)["manage_url"])
    ended.delete()
    clock.shift(timezone.timedelta(days=13))
    assert client().get(url).status_code == 200
    clock.shift(timezone.timedelta(days=2))
    assert client().get(url).status_code == 404
    # What kept the link working is not kept longer than the link works.
    call_command("purge_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not EndedAlert.objects.exists()


def test_the_problem_page_leads_to_a_fresh_link():
    ended = make()
    url = path(link_urls(ended)["manage_url"])
    ended.delete()
    response = client().get(url)
    assert response.status_code == 404
    assert f'href="{reverse("alerts:request_link")}"' in response.content.decode()


def test_erasing_an_address_leaves_nothing_pointing_at_it():
    make()
    make(query="soort=bijeenkomst")
    make(address="iemand.anders@example.nl")
    for subscription in list(SUBSCRIPTIONS.find(ADDRESS)):
        SUBSCRIPTIONS.erase(subscription)
    assert not EndedAlert.objects.exists()
