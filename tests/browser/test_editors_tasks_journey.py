"""What editors see before they act, one journey per role: a Moderator reviews a signature
with its logo large and approves it, then downloads an event's registrations; a campus
coordinator of one campus adds an event without picking the campus and, opening another
campus, is told which is theirs; a Redacteur sees the expired targets on the dashboard and in
the actions' listing, and the initiative cards name their actions.

axe runs on the public pages (`visit`); Wagtail's own admin pages are not ours to fix."""

import io
import re

import openpyxl
from django.urls import reverse
from playwright.sync_api import expect

from campuses.models import CampusPage
from events.factories import OnSiteEventFactory, RegistrationFactory
from events.models import EventIndexPage, EventPage
from manifest.models import ActionTarget, Initiative, Signature, SignatureState
from tests.browser.admin import log_in
from tests.events.conftest import in_days
from tests.manifest.signatures import make_signature
from tests.roles import CAMPUSCOORDINATOR, MODERATOR, REDACTEUR, user_with_role


def test_a_moderator_reviews_a_signature_before_approving_and_exports_registrations(
    page, live_server, site_data
):
    user_with_role(MODERATOR, "moderator")
    signature = make_signature(with_logo=True, organisation_name="Golfslag Robotica")
    event = OnSiteEventFactory(parent=EventIndexPage.objects.get(), title="PET Den Helder")
    RegistrationFactory(event=event, school_name="OBS De Vuurtoren", pupils=24, adults=3, persons=0)

    log_in(page, live_server, "moderator")
    page.goto(live_server.url + reverse("wagtailsnippets_manifest_signature:list"))
    row = page.get_by_role("row").filter(has_text="Golfslag Robotica")
    assert row.get_by_role("img").bounding_box()["width"] >= 80
    row.get_by_role("button", name="Meer opties").click()
    with page.expect_navigation():
        row.get_by_role("link", name="Goedkeuren").click()
    # Not approved by that click: the review shows the logo large and what was sent in.
    assert Signature.objects.get(pk=signature.pk).state == SignatureState.CONFIRMED
    logo = page.get_by_role("img", name="Ingestuurd logo van Golfslag Robotica")
    assert logo.bounding_box()["width"] >= 200
    expect(page.get_by_text(signature.contact_email)).to_be_visible()
    expect(page.get_by_text(signature.statement)).to_be_visible()
    page.get_by_role("button", name="Ja, goedkeuren").click()
    expect(
        page.get_by_text("De ondertekening van Golfslag Robotica is goedgekeurd.")
    ).to_be_visible()
    assert Signature.objects.get(pk=signature.pk).state == SignatureState.APPROVED

    page.goto(
        live_server.url + reverse("wagtailsnippets_events_registration:list") + f"?event={event.pk}"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Excel").click()
    assert download.value.suggested_filename == f"aanmeldingen-{event.slug}.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames == ["PET Den Helder"]
    rows = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    cells = dict(zip(rows[0], rows[1], strict=True))
    session = event.sessions.get()
    assert (cells["Evenement"], cells["Datum"], cells["Tijd"]) == (
        "PET Den Helder",
        f"{session.date:%d-%m-%Y}",
        "09:00–14:30",
    )
    assert (cells["Aantal leerlingen"], cells["Aantal begeleiders"]) == (24, 3)


def test_a_coordinator_of_one_campus_adds_an_event_there_and_is_shown_the_way_back(
    page, live_server, site_data
):
    campus = CampusPage.objects.get(slug="techport")
    other = CampusPage.objects.get(slug="tech-connect")
    user_with_role(CAMPUSCOORDINATOR, "coordinator", [campus])
    agenda = EventIndexPage.objects.get()

    log_in(page, live_server, "coordinator")
    page.goto(
        live_server.url + reverse("wagtailadmin_pages:add", args=["events", "eventpage", agenda.pk])
    )
    expect(page.locator("#id_campus")).to_have_value(str(campus.pk))
    page.locator("#id_title").fill("Open dag Techport")
    page.locator("#id_summary").fill("Bedrijven in de IJmond laten zien wat techniek is.")
    page.locator("input[name='sessions-0-date']").fill(in_days(30).isoformat())
    expect(page.locator("#id_slug")).to_have_value("open-dag-techport")  # from the title
    # Saved as a draft with Wagtail's shortcut: the date picker may still cover the buttons.
    page.keyboard.press("ControlOrMeta+s")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    assert EventPage.objects.get(title="Open dag Techport").campus == campus

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[other.pk]))
    expect(page.get_by_text(f"U kunt {other.title} niet bewerken")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Techport bewerken").click()
    expect(page.locator("#id_title")).to_have_value("Techport")


def test_a_redacteur_sees_expired_targets_and_cards_name_their_actions(visit, page, live_server):
    user_with_role(REDACTEUR, "redacteur")
    expired = ActionTarget.objects.overdue().select_related("action").first()
    initiative = Initiative.objects.filter(live=True).prefetch_related("actions").first()

    log_in(page, live_server, "redacteur")
    panel = page.get_by_role("region", name="Verlopen doelen van de acties")
    expect(panel.get_by_role("link", name=str(expired.action)).first).to_be_visible()
    page.goto(live_server.url + reverse("wagtailsnippets_manifest_manifestaction:list"))
    row = page.get_by_role("row").filter(has_text=expired.action.title)
    expect(row).to_contain_text("verlopen")

    visit(reverse("manifest:initiative_list"))
    card = page.locator(".card").filter(has_text=initiative.title)
    expect(card).to_contain_text(str(initiative.actions.first()))
