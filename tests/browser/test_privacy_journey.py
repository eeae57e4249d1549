import json
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.test import Client
from playwright.sync_api import expect

from events.factories import OnSiteEventFactory
from events.models import EventIndexPage, Registration
from tests.browser.admin import log_in
from tests.browser.conftest import assert_accessible
from tests.events.registrations import class_data
from tests.roles import PASSWORD

ADDRESS = "m.devries@dezeester.example.nl"


def make_privacy_officer(django_user_model):
    group = Group.objects.create(name="Privacy")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "handle_personal_data"])
    )
    officer = django_user_model.objects.create_user("privacy", password=PASSWORD)
    officer.groups.add(group)


def test_staff_look_up_download_and_erase_what_the_site_holds_about_an_address(
    site_data, page, live_server, django_user_model
):
    event = OnSiteEventFactory(
        parent=EventIndexPage.objects.get(), title="PET De Zeester", capacity=60
    )
    registered = Client().post(
        f"{event.url}aanmelden/", class_data(contact_name="Marieke de Vries", email=ADDRESS)
    )
    assert registered.status_code == 303
    make_privacy_officer(django_user_model)

    log_in(page, live_server, "privacy")
    page.get_by_role("button", name="Instellingen").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Persoonsgegevens").click()
    expect(page.locator("h1")).to_have_text("Persoonsgegevens")
    assert_accessible(page)

    page.get_by_label("E-mailadres").fill(ADDRESS.upper())
    with page.expect_navigation():
        page.get_by_role("button", name="Opzoeken").click()
    expect(page.get_by_text("Aanmeldingen: 1")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download als JSON-bestand").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [item["Evenement"] for item in exported["aanmeldingen"]] == ["PET De Zeester"]

    page.get_by_label("Ik wis deze gegevens definitief").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Definitief wissen").click()
    expect(page.get_by_role("heading", name="Gewist")).to_be_visible()
    expect(page.get_by_text("Aanmelding voor PET De Zeester")).to_be_visible()
    assert_accessible(page)
    assert not Registration.objects.filter(email=ADDRESS).exists()
