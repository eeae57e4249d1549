"""Exact invalidation of the page cache: after each kind of change made by staff
(or by a visitor's registration), the next anonymous request of every page that shows it
gets the new content. Each test first proves the pages are served from the cache."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import Region
from events.factories import EventIndexPageFactory, OnSiteEventFactory
from events.models import EventKind
from manifest.factories import ActionTargetFactory, InitiativeFactory
from manifest.models import ManifestAction, ManifestPage, SignatureState
from partners.factories import PartnerFactory
from tests.events.registrations import link_in
from tests.manifest.signatures import make_signature
from website.factories import StandardPageFactory


@pytest.fixture
def anonymous(client, page_cache, home_page):

    def warm(*urls):
        for url in urls:
            assert client.get(url).status_code == 200, url
            assert client.get(url)["X-Page-Cache"] == "hit", url

    def text(url):
        return client.get(url).content.decode()

    client.warm, client.text = warm, text
    return client


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redacteur", "r@example.nl", "x")


def menu_page(home_page, title):
    return StandardPageFactory(parent=home_page, title=title, show_in_menus=True)


def test_publishing_a_page_reaches_the_page_and_every_menu(anonymous, home_page):
    page = menu_page(home_page, "Over ons")
    anonymous.warm(home_page.url, page.url)
    page.title = "Wie wij zijn"
    page.save_revision().publish()
    assert "Wie wij zijn" in anonymous.text(home_page.url)
    assert "Wie wij zijn" in anonymous.text(page.url)


def test_unpublishing_a_page(anonymous, home_page):
    page = menu_page(home_page, "Tijdelijke pagina")
    anonymous.warm(home_page.url, page.url)
    page.unpublish()
    assert anonymous.get(page.url).status_code == 404
    assert "Tijdelijke pagina" not in anonymous.text(home_page.url)


def test_moving_a_page(anonymous, home_page):
    first, second = menu_page(home_page, "Eerste"), menu_page(home_page, "Tweede")
    child = StandardPageFactory(parent=first, title="Verhuizend")
    old_url = child.url
    anonymous.warm(old_url)
    child.move(second, pos="last-child")
    child.refresh_from_db()
    moved = anonymous.get(old_url)  # Wagtail leaves a redirect to the new place
    assert (moved.status_code, moved["Location"]) == (301, child.url)
    assert anonymous.get(child.url).status_code == 200


def test_deleting_a_page(anonymous, home_page):
    page = menu_page(home_page, "Weg ermee")
    anonymous.warm(page.url, home_page.url)
    page.delete()
    assert anonymous.get(page.url).status_code == 404
    assert "Weg ermee" not in anonymous.text(home_page.url)


def test_a_page_going_live_on_its_date(anonymous, home_page):
    page = menu_page(home_page, "Straks live")
    page.unpublish()
    anonymous.warm(home_page.url)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled")
    assert "Straks live" in anonymous.text(home_page.url)


def test_saving_an_initiative(anonymous):
    initiative = InitiativeFactory(title="Techniekroute")
    list_url = reverse("manifest:initiative_list")
    anonymous.warm(list_url, initiative.get_absolute_url())
    initiative.title = "Techniekroute Noord"
    initiative.save()
    assert "Techniekroute Noord" in anonymous.text(list_url)
    assert "Techniekroute Noord" in anonymous.text(initiative.get_absolute_url())


def test_saving_an_action_and_a_target(anonymous):
    action = ManifestAction.objects.order_by("agenda_number").first()
    manifest = ManifestPage.objects.get()
    actions_url = manifest.url + manifest.reverse_subpage("actions")
    anonymous.warm(actions_url, action.get_absolute_url())
    action.title = "Een nieuwe titel voor de actie"
    action.save()
    assert "Een nieuwe titel voor de actie" in anonymous.text(actions_url)
    assert "Een nieuwe titel voor de actie" in anonymous.text(action.get_absolute_url())
    anonymous.warm(action.get_absolute_url())
    target = ActionTargetFactory(action=action, text="Tweehonderd nieuwe stageplaatsen")
    assert "Tweehonderd nieuwe stageplaatsen" in anonymous.text(action.get_absolute_url())
    anonymous.warm(action.get_absolute_url())
    target.text = "Driehonderd nieuwe stageplaatsen"
    target.save()
    assert "Driehonderd nieuwe stageplaatsen" in anonymous.text(action.get_absolute_url())


def test_saving_a_taxonomy_snippet(anonymous):
    region = Region.objects.order_by("pk").first()
    list_url = reverse("manifest:initiative_list")
    anonymous.warm(list_url)
    region.name = "Kop van de provincie"
    region.save()
    assert "Kop van de provincie" in anonymous.text(list_url)


def test_saving_and_publishing_a_partner(anonymous, editor):
    partner = PartnerFactory(name="Lasbedrijf Noord")
    directory = partner.get_absolute_url().rstrip("/").rsplit("/", 1)[0] + "/"
    anonymous.warm(directory, partner.get_absolute_url())
    partner.name = "Lasbedrijf Noordkop"
    partner.save_revision(user=editor).publish(user=editor)
    assert "Lasbedrijf Noordkop" in anonymous.text(directory)
    assert "Lasbedrijf Noordkop" in anonymous.text(partner.get_absolute_url())
    anonymous.warm(partner.get_absolute_url())
    partner.website = "https://lasbedrijf-noordkop.example.nl/"
    partner.save()
    assert "lasbedrijf-noordkop.example.nl" in anonymous.text(partner.get_absolute_url())


def test_approving_and_rejecting_a_signature(anonymous, editor):
    manifest = ManifestPage.objects.get()
    wall = manifest.url + manifest.reverse_subpage("signatories")
    signature = make_signature(state=SignatureState.CONFIRMED, organisation_name="Klimop BV")
    anonymous.warm(wall, manifest.url)
    assert "Klimop BV" not in anonymous.text(wall)
    signature.approve(editor)
    assert "Klimop BV" in anonymous.text(wall)
    anonymous.warm(wall)
    signature.reject(editor, "Dubbel ingediend.")
    assert "Klimop BV" not in anonymous.text(wall)


def test_a_registration_changes_the_places_left_and_full(anonymous, home_page):
    agenda = EventIndexPageFactory(parent=home_page, title="Testagenda", slug="testagenda")
    event = OnSiteEventFactory(
        parent=agenda, title="Ouder-kind-dag", kind=EventKind.FAMILY_DAY, capacity=5
    )
    anonymous.warm(event.url)
    assert "nog 5 plaatsen" in anonymous.text(event.url)
    sign_up = event.url + event.reverse_subpage("sign_up")
    person = {"contact_name": "Piet", "email": "piet@example.nl", "privacy_consent": "on"}
    assert anonymous.post(sign_up, person | {"persons": "3"}).status_code == 303
    # Places are held once the address is confirmed, with the link in the e-mail.
    assert "nog 5 plaatsen" in anonymous.text(event.url)
    anonymous.post(link_in(mail.outbox[-1]), {"actie": "bevestigen"})
    assert "nog 2 plaatsen" in anonymous.text(event.url)
    anonymous.cookies.clear()  # the registrant's own session; another visitor reads on
    anonymous.warm(event.url)
    person["email"] = "anna@example.nl"
    assert anonymous.post(sign_up, person | {"persons": "2"}).status_code == 303
    anonymous.post(link_in(mail.outbox[-1]), {"actie": "bevestigen"})
    anonymous.cookies.clear()
    assert "Dit evenement is vol" in anonymous.text(event.url)
