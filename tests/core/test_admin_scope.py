"""Staff see in Wagtail's shared admin screens (choosers, bulk actions, reports) only what their
role lets them see elsewhere: no registrant, draft, private page or unapproved organisation of
someone else's (core/permissions.py, `visible_instances`)."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, PageViewRestriction

from core.permissions import VisibleObjectsBulkActionMixin
from events.factories import EventPageFactory, OnSiteEventFactory, RegistrationFactory
from events.models import EventKind, EventPage, Registration
from manifest.models import Signature, SignatureState
from manifest.signing import PROPOSED_LOGO_COLLECTION
from partners.factories import PartnerFactory
from partners.logos import collection_named
from partners.models import Partner
from tests.manifest.signatures import make_signature
from tests.roles import CAMPUSCOORDINATOR, MODERATOR, REDACTEUR, logged_in, user_with_role


@pytest.mark.parametrize("role", [REDACTEUR, CAMPUSCOORDINATOR])
def test_searching_the_image_chooser_works_and_hides_proposed_logos(client, campus, role):
    images = get_image_model().objects
    images.create(
        title="Logo Werkplaats",
        file=get_test_image_file(),
        collection=Collection.objects.get(name="Campussen en evenementen"),
    )
    images.create(
        title="Logo Geheime Organisatie",
        file=get_test_image_file(),
        collection=collection_named(PROPOSED_LOGO_COLLECTION),
    )
    client_as(client, role, campus)
    for url in ["wagtailimages_chooser:choose", "wagtailimages_chooser:choose_results"]:
        response = client.get(reverse(url), {"q": "Logo"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Logo Werkplaats" in html
        assert "Geheime Organisatie" not in html


# -- Who sees what ------------------------------------------------------------------------------


@pytest.fixture
def own_event(calendar, campus):
    return OnSiteEventFactory(parent=calendar, title="PET Techport", campus=campus, capacity=60)


@pytest.fixture
def registration(own_event):
    return RegistrationFactory(event=own_event, contact_name="Marieke de Vries")


@pytest.fixture
def hidden_pages(calendar, other_campus):
    """A never-published PET and a private page, both elsewhere than the coordinator's campus."""
    draft = EventPageFactory(parent=calendar, title="PET Geheim Concept", campus=other_campus)
    EventPage.objects.filter(pk=draft.pk).update(live=False)
    private = EventPageFactory(parent=calendar, title="Geheime Besloten Bijeenkomst")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return [draft, private]


def client_as(client, role, campus):
    campuses = [campus] if role == CAMPUSCOORDINATOR else []
    return logged_in(client, user_with_role(role, "medewerker", campuses))


def bulk_url(model, action, *objects):
    meta = model._meta
    url = reverse("wagtail_bulk_action", args=[meta.app_label, meta.model_name, action])
    return url + "?" + "&".join(f"id={item.pk}" for item in objects)


def test_every_bulk_action_names_only_what_the_user_may_see(db):
    registered = [
        action
        for model in apps.get_models()
        for action in bulk_action_registry.get_bulk_actions_for_model(
            model._meta.app_label, model._meta.model_name
        )
    ]
    assert len(registered) > 10
    assert all(issubclass(action, VisibleObjectsBulkActionMixin) for action in registered)


def test_administrators_still_see_and_act_on_everything(
    admin_client, admin_user, registration, hidden_pages
):
    signature = make_signature(organisation_name="Geheim Installatiebedrijf")
    image = get_image_model().objects.create(title="Logo Werkplaats", file=get_test_image_file())
    for model, action, item, text in [
        (Registration, "delete", registration, "Marieke de Vries"),
        (Signature, "approve", signature, "Geheim Installatiebedrijf"),
        (Page, "publish", hidden_pages[0], "PET Geheim Concept"),
        (type(image), "delete", image, "Logo Werkplaats"),
        (type(admin_user), "set_active_state", admin_user, admin_user.username),
    ]:
        response = admin_client.get(bulk_url(model, action, item))
        assert response.status_code == 200, action
        assert text in response.content.decode(), action


@pytest.mark.parametrize(
    ("role", "coordinates", "sees"),
    [
        (REDACTEUR, "own", False),
        (CAMPUSCOORDINATOR, "other", False),
        (CAMPUSCOORDINATOR, "own", True),
        (MODERATOR, "own", True),
    ],
)
def test_bulk_actions_on_registrations_name_only_those_in_the_role(
    client, registration, campus, other_campus, role, coordinates, sees
):
    client_as(client, role, campus if coordinates == "own" else other_campus)
    response = client.get(bulk_url(Registration, "delete", registration))
    assert ("Marieke de Vries" in response.content.decode()) is sees
    assert response.status_code == (200 if sees else 404)
    assert Registration.objects.filter(pk=registration.pk).exists()


@pytest.mark.parametrize("role", [MODERATOR, CAMPUSCOORDINATOR])
def test_bulk_actions_on_pages_name_no_drafts_or_private_pages_elsewhere(
    client, hidden_pages, own_event, campus, role
):
    client_as(client, role, campus)
    for action in ["delete", "move", "publish", "unpublish"]:
        response = client.get(bulk_url(Page, action, *hidden_pages))
        assert response.status_code == 404, action
        assert "Geheim" not in response.content.decode()
    if role == CAMPUSCOORDINATOR:
        # Their own event they see; whether they may act on it is Wagtail's answer.
        response = client.get(bulk_url(Page, "delete", own_event, *hidden_pages))
        html = response.content.decode()
        assert "PET Techport" in html and "Geheim" not in html


def test_a_redacteur_sees_every_page_in_bulk_actions(client, hidden_pages, campus):
    client_as(client, REDACTEUR, campus)
    html = client.get(bulk_url(Page, "publish", *hidden_pages)).content.decode()
    assert "PET Geheim Concept" in html and "Geheime Besloten Bijeenkomst" in html


@pytest.mark.parametrize("role", [REDACTEUR, CAMPUSCOORDINATOR])
def test_bulk_actions_name_no_signature_outside_moderation(client, campus, role):
    signature = make_signature(
        state=SignatureState.UNCONFIRMED, organisation_name="Geheim Installatiebedrijf"
    )
    client_as(client, role, campus)
    for action in ["delete", "approve"]:
        response = client.get(bulk_url(Signature, action, signature))
        assert response.status_code in (302, 404), action
        assert "Geheim Installatiebedrijf" not in response.content.decode()


@pytest.mark.parametrize("role", [MODERATOR, CAMPUSCOORDINATOR])
def test_bulk_actions_name_live_partners_only_outside_the_role(client, campus, role):
    draft = PartnerFactory(name="Geheim Lasbedrijf", live=False)
    public = PartnerFactory(name="Open Lasbedrijf")
    client_as(client, role, campus)
    assert client.get(bulk_url(Partner, "delete", draft)).status_code == 404
    html = client.get(bulk_url(Partner, "delete", draft, public)).content.decode()
    assert "Open Lasbedrijf" in html and "Geheim Lasbedrijf" not in html


# -- Choosers and reports ----------------------------------------------------------------------


@pytest.mark.parametrize("role", [REDACTEUR, CAMPUSCOORDINATOR])
def test_the_registration_and_signature_choosers_offer_nothing_outside_the_role(
    client, registration, other_campus, role
):
    signature = make_signature(
        state=SignatureState.UNCONFIRMED, organisation_name="Geheim Installatiebedrijf"
    )
    client_as(client, role, other_campus)
    for model, item, name in [
        (Registration, registration, "Marieke de Vries"),
        (Signature, signature, "Geheim Installatiebedrijf"),
    ]:
        urls = model.snippet_viewset.chooser_viewset
        listing = client.get(reverse(urls.get_url_name("choose")))
        assert listing.status_code == 200
        assert name not in listing.content.decode()
        chosen = client.get(reverse(urls.get_url_name("chosen"), args=[item.pk]))
        assert chosen.status_code == 404
        several = client.get(reverse(urls.get_url_name("chosen_multiple")), {"id": [item.pk]})
        assert name not in several.content.decode()


def test_moderators_choose_among_all_registrations(client, registration, campus):
    client_as(client, MODERATOR, campus)
    urls = Registration.snippet_viewset.chooser_viewset
    assert "Marieke de Vries" in client.get(reverse(urls.get_url_name("choose"))).content.decode()


@pytest.mark.parametrize(
    ("role", "sees_draft"), [(REDACTEUR, True), (MODERATOR, False), (CAMPUSCOORDINATOR, False)]
)
def test_the_partner_chooser_offers_drafts_only_to_whoever_edits_them(
    client, campus, role, sees_draft
):
    PartnerFactory(name="Lasbedrijf Concept", live=False)
    PartnerFactory(name="Lasbedrijf Open")
    client_as(client, role, campus)
    urls = Partner.snippet_viewset.chooser_viewset
    for name in ["choose", "choose_results"]:
        response = client.get(reverse(urls.get_url_name(name)), {"q": "Lasbedrijf"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Lasbedrijf Open" in html
        assert ("Lasbedrijf Concept" in html) is sees_draft


@pytest.mark.parametrize("role", [MODERATOR, CAMPUSCOORDINATOR])
def test_the_page_chooser_finds_no_drafts_or_private_pages_elsewhere(
    client, hidden_pages, own_event, campus, role
):
    EventPage.objects.filter(pk=own_event.pk).update(live=False)
    EventPageFactory(parent=own_event.get_parent(), title="PET Geheim Open")
    client_as(client, role, campus)
    html = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "PET"}).content.decode()
    assert "PET Geheim Open" in html
    assert "PET Geheim Concept" not in html
    # A coordinator finds their own draft.
    assert ("PET Techport" in html) is (role == CAMPUSCOORDINATOR)
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Geheime"})
    assert "Besloten" not in search.content.decode()
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[own_event.get_parent().pk]))
    assert "PET Geheim Open" in browse.content.decode()
    assert "Geheim Concept" not in browse.content.decode()
    # Browsing below a page names it.
    for page in hidden_pages:
        below = client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
        assert below.status_code == 404
        assert "Geheim" not in below.content.decode()
    below_own = client.get(reverse("wagtailadmin_choose_page_child", args=[own_event.pk]))
    assert below_own.status_code == (200 if role == CAMPUSCOORDINATOR else 404)


def test_the_page_types_report_names_no_page_a_coordinator_may_not_edit(
    client, hidden_pages, campus
):
    client_as(client, CAMPUSCOORDINATOR, campus)
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 200
    assert "Geheim" not in response.content.decode()


def test_hoort_bij_pet_offers_a_coordinator_no_draft_elsewhere(
    client, calendar, hidden_pages, campus, own_event
):
    EventPageFactory(parent=calendar, title="PET Open Dag", kind=EventKind.PET)
    client_as(client, CAMPUSCOORDINATOR, campus)
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", calendar.pk])
    html = client.get(add_url).content.decode()
    select = BeautifulSoup(html, "html.parser").select_one('select[name="related_pet"]')
    offered = {option.text.strip() for option in select.select("option") if option["value"]}
    assert {"PET Open Dag", "PET Techport"} <= offered
    assert "PET Geheim Concept" not in offered


# -- Wagtail's admin API and page screens reached by id ----------------------------------------


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        (REDACTEUR, {"Logo Werkplaats", "Logo Geheime Organisatie"}),
        (CAMPUSCOORDINATOR, {"Logo Werkplaats"}),
        (MODERATOR, set()),
    ],
)
@pytest.mark.parametrize("kind", ["images", "documents"])
def test_the_admin_api_lists_only_the_images_and_documents_a_role_may_see(
    client, campus, role, seen, kind
):
    """The admin's own scripts read Wagtail's admin API, which by itself names every file
    outside collections closed to the public, signers' logos included."""
    model = get_image_model() if kind == "images" else get_document_model()
    for title, collection in [
        ("Logo Werkplaats", Collection.objects.get(name="Campussen en evenementen")),
        ("Logo Geheime Organisatie", collection_named(PROPOSED_LOGO_COLLECTION)),
    ]:
        file = get_test_image_file() if kind == "images" else ContentFile(b"%PDF-1.4", "a.pdf")
        model.objects.create(title=title, file=file, collection=collection)
    client_as(client, role, campus)
    listing = client.get(reverse(f"wagtailadmin_api:{kind}:listing"))
    assert listing.status_code == 200
    titles = {item["title"] for item in listing.json()["items"]}
    assert titles & {"Logo Werkplaats", "Logo Geheime Organisatie"} == seen
    hidden = model.objects.get(title="Logo Geheime Organisatie")
    detail = client.get(reverse(f"wagtailadmin_api:{kind}:detail", args=[hidden.pk]))
    assert detail.status_code == (200 if role == REDACTEUR else 404)


@pytest.mark.parametrize("role", [CAMPUSCOORDINATOR, MODERATOR])
def test_moving_and_exploring_name_no_page_the_role_may_not_see(
    client, campus, role, hidden_pages, home_page
):
    client_as(client, role, campus)
    for page in hidden_pages:
        for response in [
            client.get(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, home_page.pk])),
            client.get(reverse("wagtailadmin_explore", args=[page.pk])),
        ]:
            assert page.title not in response.content.decode()
            assert response.status_code in (302, 403, 404)
