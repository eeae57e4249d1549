"""Admin form controls that scale to long lists: checkboxes for short lists, search-and-add for
the partner registry (core/widgets.py, partners_autocomplete), the "Hoort bij PET" list of PETs
only, slugs that follow the title."""

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.factories import EventPageFactory
from events.models import EventKind, EventPage
from manifest.factories import InitiativeFactory
from manifest.models import Initiative, ManifestAction
from partners.factories import PartnerFactory
from partners.models import Partner
from tests.events.conftest import calendar  # noqa: F401  (fixture)
from tests.roles import CAMPUSCOORDINATOR, logged_in, user_with_role


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_short_lists_are_checkboxes_and_the_slug_follows_the_name(redacteur_client):
    form = soup(redacteur_client.get(reverse("wagtailsnippets_partners_partner:add")))
    for field in ["regions", "education_levels", "offers"]:
        assert form.select(f'input[type=checkbox][name="{field}"]'), field
    assert not form.select("select[multiple]")
    name = form.select_one('input[name="name"]')
    assert "w-sync" in name["data-controller"]
    assert "w-slug" in form.select_one('input[name="slug"]')["data-controller"]


def test_a_long_partner_list_shows_only_the_chosen_partners(redacteur_client):
    chosen = PartnerFactory(name="Lasbedrijf Noord")
    PartnerFactory.create_batch(3)
    initiative = InitiativeFactory(actions=[ManifestAction.objects.get(agenda_number=1)])
    initiative.partners.set([chosen])
    initiative.save()
    url = reverse("wagtailsnippets_manifest_initiative:edit", args=[initiative.pk])
    form = soup(redacteur_client.get(url))
    boxes = form.select('input[name="partners"]')
    assert [(box["value"], box.has_attr("checked")) for box in boxes] == [(str(chosen.pk), True)]
    assert form.select_one("[data-autocomplete-multiple]")["data-url"] == reverse(
        "partners_autocomplete"
    )
    for field in ["actions", "themes", "regions", "campuses"]:
        assert form.select(f'input[type=checkbox][name="{field}"]'), field


def test_partners_chosen_by_search_are_saved(redacteur_client):
    first, second = PartnerFactory.create_batch(2)
    action = ManifestAction.objects.get(agenda_number=1)
    response = redacteur_client.post(
        reverse("wagtailsnippets_manifest_initiative:add"),
        {
            "title": "Lasdag Zaanstad",
            "slug": "lasdag-zaanstad",
            "summary": "Een dag lassen.",
            "status": "lopend",
            "actions": [action.pk],
            "partners": [first.pk, second.pk],
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert set(Initiative.objects.get(slug="lasdag-zaanstad").partners.all()) == {first, second}


def test_the_partner_search_finds_live_partners_by_name(client, home_page):
    live = PartnerFactory(name="Lasbedrijf Noord")
    draft = PartnerFactory(name="Lasbedrijf Zuid", live=False)
    url = reverse("partners_autocomplete")
    assert client.get(url, {"q": "lasbedrijf"}).status_code == 302  # to the login
    logged_in(client, user_with_role(CAMPUSCOORDINATOR, "coordinator"))
    results = client.get(url, {"q": "lasbedrijf"}).json()["results"]
    assert {"id": live.pk, "label": "Lasbedrijf Noord"} in results
    assert draft.pk not in [row["id"] for row in results]
    assert client.get(url, {"q": "l"}).json() == {"results": []}
    assert client.get(url, {"q": "\x00" * 500}).status_code == 200
    assert Partner.objects.count() >= 2


def event_form(**overrides):
    return nested_form_data(
        {
            "title": "Ouder-kind-dag Enkhuizen",
            "slug": "ouder-kind-dag-enkhuizen",
            "kind": EventKind.FAMILY_DAY,
            "status": "gepland",
            "summary": "Ouders en kinderen ontdekken de techniek.",
            "sessions": inline_formset([{"date": "2030-03-10"}]),
            "location_name": "Zuiderzeehaven",
            "registration_mode": "geen",
            "body": streamfield([]),
        }
        | overrides
    )


def test_hoort_bij_pet_lists_pets_only_and_explains_a_wrong_pick(redacteur_client, calendar):  # noqa: F811
    pet = EventPageFactory(parent=calendar, title="PET Enkhuizen", kind=EventKind.PET)
    other = EventPageFactory(parent=calendar, title="Inspiratiedag", kind=EventKind.MEETING)
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", calendar.pk])
    select = soup(redacteur_client.get(add_url)).select_one('select[name="related_pet"]')
    offered = {option["value"] for option in select.select("option") if option["value"]}
    assert str(pet.pk) in offered and str(other.pk) not in offered
    assert offered == {
        str(pk) for pk in EventPage.objects.filter(kind=EventKind.PET).values_list("pk", flat=True)
    }

    response = redacteur_client.post(
        add_url, event_form(related_pet=other.pk) | {"action-publish": "1"}
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["related_pet"]
    assert message.startswith("Kies een PET uit de lijst")
