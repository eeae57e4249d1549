"""The editors' data tasks in a real browser, one journey per role: a Redacteur publishes a
PET on two dates with places per date (and its ouder-kind-dag) that a visitor sees per date,
changes an action's progress and finds it in the history, and may not download registrations; a
Moderator is mailed about a waiting signature, approves it and downloads the registrations
for Dutch Excel.

axe runs on the public pages (`visit`); Wagtail's own admin pages are not ours to fix."""

import datetime

from django.contrib.admin.utils import quote
from django.core import mail
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from events.factories import EventPageFactory, OnSiteEventFactory, RegistrationFactory
from events.models import Audience, EventIndexPage, EventKind, EventPage, Registration
from manifest.models import ManifestAction, Signature
from tests.browser.admin import add_inline_form, log_in, log_out, publish
from tests.core.conftest import sign
from tests.events.conftest import in_days
from tests.mails import link_path
from tests.manifest.signatures import confirm_link_from_mail
from tests.roles import MODERATOR, REDACTEUR, user_with_role


def fill_date(page, number, day, places):
    page.locator(f"input[name='sessions-{number}-date']").fill(day.isoformat())
    page.locator(f"input[name='sessions-{number}-start_time']").fill("09:00")
    page.locator(f"input[name='sessions-{number}-end_time']").fill("14:30")
    page.locator(f"input[name='sessions-{number}-capacity']").fill(str(places))


def test_a_redacteur_publishes_a_pet_on_two_dates_and_follows_an_actions_progress(
    visit, page, live_server
):
    user_with_role(REDACTEUR, "redacteur")
    agenda = EventIndexPage.objects.get()
    first_day, second_day = in_days(40), in_days(41)

    log_in(page, live_server, "redacteur")
    page.goto(
        live_server.url + reverse("wagtailadmin_pages:add", args=["events", "eventpage", agenda.pk])
    )
    page.locator("#id_title").fill("PET Hoorn")
    page.locator("#id_kind").select_option("pet")
    page.locator("#id_summary").fill("Groep 7 en 8 ontdekken de techniek van de Westfriese haven.")
    fill_date(page, 0, first_day, 30)
    add_inline_form(page, "sessions")
    fill_date(page, 1, second_day, 60)
    page.locator("#id_location_name").fill("Havenhal Hoorn")
    page.locator("#id_registration_mode").select_option("site")
    publish(page)
    # Wagtail's own confirmation: the publish request has finished before the database is read
    # (the title alone is on the edit form already, so it proved nothing under load).
    expect(page.get_by_text("Pagina 'PET Hoorn' aangemaakt en gepubliceerd.")).to_be_visible()
    expect(page.get_by_text("PET Hoorn")).not_to_have_count(0)
    pet = EventPage.objects.get(title="PET Hoorn")
    assert pet.live
    assert sorted(pet.sessions.values_list("capacity", flat=True)) == [30, 60]

    # The ouder-kind-dag that belongs to it, and a class of 27 on the first date.
    EventPageFactory(
        parent=agenda,
        title="Ouder-kind-dag Hoorn",
        kind=EventKind.FAMILY_DAY,
        related_pet=pet,
        audiences=[Audience.objects.get(slug="ouders-en-kinderen")],
    )
    first, second = pet.sessions.order_by("starts_at")
    RegistrationFactory(event=pet, session=first, pupils=24, adults=3, persons=0)

    visit(pet.url)
    places = page.locator(".event__places")
    expect(places).to_contain_text(f"{first.when_text}: nog 3 plaatsen")
    expect(places).to_contain_text(f"{second.when_text}: nog 60 plaatsen")
    expect(page.get_by_role("link", name="Ouder-kind-dag Hoorn")).to_be_visible()
    page.get_by_role("link", name="Meld uw klas aan").click()
    expect(page.get_by_label("Datum")).to_contain_text("(nog 3 plaatsen)")
    expect(page.get_by_label("Datum")).to_contain_text("(nog 60 plaatsen)")

    # Action progress, then its history.
    action = ManifestAction.objects.filter(targets__isnull=False).distinct().first()
    page.goto(live_server.url + reverse("wagtailsnippets_manifest_manifestaction:list"))
    page.get_by_role("link", name=action.title, exact=True).first.click()
    page.locator("input[name='targets-0-progress_goal']").fill("500")
    page.locator("input[name='targets-0-progress_current']").fill("321")
    page.get_by_role("button", name="Opslaan").first.click()
    expect(page.locator(".messages")).to_be_visible()
    assert action.targets.filter(progress_current=321).exists()
    page.goto(
        live_server.url
        + reverse("wagtailsnippets_manifest_manifestaction:history", args=[quote(action.pk)])
    )
    expect(page.get_by_role("table")).to_contain_text("redacteur")

    # Registrations are not the Redacteur's: no list, no download.
    page.goto(live_server.url + reverse("wagtailsnippets_events_registration:list") + "?export=csv")
    assert page.url.rstrip("/").endswith(reverse("wagtailadmin_home").rstrip("/"))
    log_out(page)


def test_a_moderator_is_mailed_approves_a_signature_and_downloads_registrations(
    page, live_server, site_data
):
    moderator = user_with_role(MODERATOR, "moderator")
    moderator.email = "moderator@provincie.example.nl"
    moderator.save()
    public = Client()
    sign(public, "Lasbedrijf Noord")
    assert public.post(confirm_link_from_mail()).status_code == 200
    [notice] = [message for message in mail.outbox if moderator.email in message.to]
    review_link = link_path(notice, "/admin/")

    agenda = EventIndexPage.objects.get()
    event = OnSiteEventFactory(parent=agenda, title="PET Den Helder", capacity=30)
    registration = RegistrationFactory(event=event, school_name="OBS De Vuurtoren")
    winter_morning = datetime.datetime(2027, 1, 14, 7, 48, tzinfo=datetime.UTC)
    Registration.objects.filter(pk=registration.pk).update(created_at=winter_morning)

    log_in(page, live_server, "moderator")
    page.goto(live_server.url + review_link)
    expect(page.get_by_text("Lasbedrijf Noord").first).to_be_visible()
    signature = Signature.objects.get(organisation_name="Lasbedrijf Noord")
    approve = reverse("wagtailsnippets_manifest_signature:approve", args=[signature.pk])
    page.goto(live_server.url + approve)
    page.get_by_role("button", name="Ja, goedkeuren").click()
    expect(page.locator(".messages")).to_be_visible()
    signature.refresh_from_db()
    assert signature.state == "approved"

    page.goto(
        live_server.url + reverse("wagtailsnippets_events_registration:list") + f"?event={event.pk}"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    header, row = text.splitlines()[:2]
    assert header.startswith("Evenement;Datum;Tijd;Status;")
    assert "OBS De Vuurtoren" in row
    assert "14-01-2027 08:48" in row
