import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from alerts.models import Subscription
from core.models import Region
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Audience, EventIndexPage, EventKind
from tests.mails import link_path

ADDRESS = "juf.annemiek@obs-dekolk.example.nl"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def agenda(home_page):
    """The agenda of the initial content, where visitors follow a selection."""
    return EventIndexPage.objects.live().order_by("path").first()


@pytest.fixture
def calendar(home_page):
    """A calendar of its own, so tests control which events are new."""
    return EventIndexPageFactory(parent=home_page, title="Testagenda", slug="testagenda")


@pytest.fixture
def zaanstreek(db):
    return Region.objects.get(slug="zaanstreek-waterland")


@pytest.fixture
def publish_pet(calendar, zaanstreek):
    """Publish a PET; by default one the teacher's filter (PET, Zaanstreek/Waterland,
    basisschool) matches."""

    def publish(title, region=None, audience="basisschool", kind=EventKind.PET):
        return EventPageFactory(
            parent=calendar,
            title=title,
            kind=kind,
            region=region or zaanstreek,
            audiences=[Audience.objects.get(slug=audience)],
        )

    return publish


def link_in(message, name):
    """The path of the first link to the named alerts view in a mail's text."""
    return link_path(message, reverse(f"alerts:{name}", args=["TOKEN"]).split("TOKEN")[0])


def send(*args):
    before = len(mail.outbox)
    call_command("send_alerts", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return mail.outbox[before:]


def selection_offered(client, url, params, source):
    """The selection the alerts form on a listing of `source` offers to follow, as the page at
    `url` with `params` writes it."""
    page = client.get(url, params)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="bron" value="{source}"' in html
    return html.split('name="filter" value="')[1].split('"')[0].replace("&amp;", "&")


def subscribe(client, source, selection, frequency):
    """Send the alerts form for ADDRESS as a listing of `source` offers it for `selection`."""
    data = {
        "bron": source,
        "filter": selection,
        "email": ADDRESS,
        "frequency": frequency,
        "privacy_consent": "on",
    }
    return client.post(reverse("alerts:subscribe"), data)


def subscribe_and_confirm(client, source, selection, frequency):
    """Subscribe and confirm by the mailed link, as a visitor does: the page shown after
    subscribing, and the subscription (the only one). The mail is cleared, so a test sees only
    the alerts that follow."""
    response = subscribe(client, source, selection, frequency)
    assert response.status_code == 303
    sent_page = client.get(response["Location"]).content.decode()
    assert client.post(link_in(mail.outbox[-1], "confirm")).status_code == 200
    mail.outbox.clear()
    return sent_page, Subscription.objects.get()
