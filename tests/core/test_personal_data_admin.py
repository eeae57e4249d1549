"""Staff handle requests about personal data in the admin (Instellingen > Persoonsgegevens):
only with the permission for it, the address never in a URL or in the log."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.models import PersonalDataRequest
from events.models import Registration
from manifest.models import Signature
from tests.core.conftest import ADDRESS, NAME
from tests.core.stored_text import places_holding
from tests.roles import denied

LOOKUP_URL = reverse("core_personal_data")
ERASE_URL = reverse("core_personal_data_erase")


@pytest.fixture
def privacy_officer(db, django_user_model):
    """A staff member who may handle personal data, and nothing else of note."""
    group = Group.objects.create(name="Privacy")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="handle_personal_data"),
    )
    user = django_user_model.objects.create_user("privacy", password="geheim-wachtwoord")
    user.groups.add(group)
    return user


@pytest.fixture
def officer_client(client, privacy_officer):
    client.force_login(privacy_officer)
    return client


def test_the_permission_exists_after_the_migrations(db):
    permission = Permission.objects.get(codename="handle_personal_data")
    assert permission.content_type.app_label == "core"


def test_staff_without_the_permission_see_no_menu_item_and_are_refused(redacteur_client):
    assert LOOKUP_URL not in redacteur_client.get(reverse("wagtailadmin_home")).content.decode()
    assert denied(redacteur_client.get(LOOKUP_URL))
    assert denied(redacteur_client.post(LOOKUP_URL, {"email": ADDRESS}))
    assert denied(redacteur_client.post(ERASE_URL, {"email": ADDRESS, "confirmed": "on"}))
    assert not PersonalDataRequest.objects.exists()


def test_no_role_may_handle_requests(moderator_client, person):
    # Looking up reaches every signer, registrant, subscriber and staff account: more than
    # moderating signatures and registrations needs. Superusers, or a group made for it.
    for role in ["Moderator", "Redacteur", "Campuscoördinator"]:
        assert (
            not Group.objects.get(name=role)
            .permissions.filter(codename="handle_personal_data")
            .exists()
        ), role
    assert LOOKUP_URL not in moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert denied(moderator_client.get(LOOKUP_URL))
    assert denied(moderator_client.post(LOOKUP_URL, {"email": ADDRESS}))
    assert denied(moderator_client.post(ERASE_URL, {"email": ADDRESS, "confirmed": "on"}))
    assert not PersonalDataRequest.objects.exists()
    assert Registration.objects.filter(email__iexact=ADDRESS).exists()


def test_superusers_find_it_under_settings(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert LOOKUP_URL in html
    page = admin_client.get(LOOKUP_URL)
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"]


def test_looking_up_shows_the_export_and_logs_a_hash(officer_client, privacy_officer, person):
    response = officer_client.post(LOOKUP_URL, {"email": ADDRESS.upper()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Duinzicht Elektrotechniek" in html
    assert "Ondertekeningen: 4" in html and "Aanmeldingen: 2" in html
    assert f'action="{ERASE_URL}"' in html
    [request] = PersonalDataRequest.objects.all()
    assert (request.action, request.channel, request.requested_by) == (
        "inzage",
        "beheer",
        privacy_officer,
    )
    assert request.address_hash == PersonalDataRequest.hash_address(ADDRESS)
    entry = ModelLogEntry.objects.get(action="core.personal_data.export")
    assert ADDRESS.lower() not in f"{entry.label} {entry.data}".lower()


def test_the_export_downloads_as_json(officer_client, person):
    response = officer_client.post(LOOKUP_URL, {"email": ADDRESS, "download": "json"})
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="persoonsgegevens-')
    data = json.loads(response.content)
    assert {item["Evenement"] for item in data["aanmeldingen"]} == {"PET Zaandam", "Ouder-kind-dag"}


def test_a_wrong_address_gets_a_dutch_message_and_no_log(officer_client):
    response = officer_client.post(LOOKUP_URL, {"email": "piet@"})
    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert not PersonalDataRequest.objects.exists()


def test_erasing_without_the_confirmation_changes_nothing(officer_client, person):
    response = officer_client.post(ERASE_URL, {"email": ADDRESS})
    assert response.status_code == 400
    assert "Vink aan dat u deze gegevens definitief wilt wissen" in response.content.decode()
    assert Signature.objects.filter(contact_email__iexact=ADDRESS).count() == 4
    assert not PersonalDataRequest.objects.filter(action="wissen").exists()


def test_erasing_after_the_confirmation_erases_and_reports(officer_client, person):
    response = officer_client.post(ERASE_URL, {"email": ADDRESS, "confirmed": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ondertekening voor Kustlicht Installaties (niet bevestigd): verwijderd" in html
    assert not Registration.objects.filter(email__iexact=ADDRESS).exists()
    assert PersonalDataRequest.objects.get().action == "wissen"
    assert places_holding(ADDRESS, NAME) == []


def test_erasing_is_never_a_get(officer_client):
    assert officer_client.get(ERASE_URL).status_code == 405
