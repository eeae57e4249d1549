"""The admin as each role sees it: an administrator finds every site setting and the warning
about scheduled jobs; a Redacteur edits the share settings, sees pages in menu order, publishes
with the main button, finds the slug as "Webadres (slug)" and no demo flag, and reads Dutch
without Wagtail's version or an empty language column; a moderator's filter drawer
stays inside the window.

Wagtail's own admin pages are not ours to fix, so they go without axe (test_roles_journey)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Page, Workflow

from campuses.models import CampusPage
from core.models import ShareSettings
from events.factories import RegistrationFactory
from events.models import EventPage
from partners.models import Partner
from tests.browser.admin import log_in
from tests.roles import CAMPUSCOORDINATOR, MODERATOR, PASSWORD, REDACTEUR, user_with_role

JOBS_WARNING = "Automatische taken van de website staan stil"


def open_settings_menu(page):
    page.get_by_role("button", name="Instellingen").click()


def test_an_administrator_finds_the_important_pages_and_the_jobs_warning(
    page, live_server, site_data
):
    get_user_model().objects.create_superuser("beheer", password=PASSWORD)
    log_in(page, live_server, "beheer")
    warning = page.get_by_role("region", name=JOBS_WARNING)
    expect(warning).to_contain_text("hostingpartij of IT-afdeling")

    open_settings_menu(page)
    page.get_by_role("link", name="Belangrijke pagina's").click()
    expect(page.get_by_role("heading", name="Belangrijke pagina's", exact=True)).to_be_visible()


def test_a_redacteur_edits_the_share_settings_and_publishes_with_the_main_button(
    page, live_server, site_data
):
    campus = CampusPage.objects.get(slug="techport")
    coordinator = user_with_role(CAMPUSCOORDINATOR, "coordinator", [campus])
    campus.save_revision(user=coordinator)
    Workflow.objects.get(name="Redactiecontrole").start(campus, coordinator)
    user_with_role(REDACTEUR, "redacteur")

    log_in(page, live_server, "redacteur")
    expect(page.get_by_text(JOBS_WARNING)).to_have_count(0)
    review = page.get_by_role("region", name="Wacht op uw beoordeling")
    expect(review.get_by_role("row").filter(has_text="Techport")).to_contain_text("coordinator")
    # The site has one language: no "Taal" column, not even for a screen reader.
    expect(review.get_by_role("columnheader", name="Taal")).to_have_count(0)

    page.get_by_role("button", name="Rapporten").click()
    expect(page.get_by_role("link", name="Goedkeuringsprocessen")).to_be_visible()
    expect(page.get_by_role("link", name="Goedkeuringsstappen")).to_be_visible()
    page.get_by_role("button", name="Rapporten").click()

    open_settings_menu(page)
    expect(page.get_by_text("Wagtail v")).to_have_count(0)
    page.get_by_role("link", name="Delen op sociale media").click()
    page.get_by_role("textbox", name="Account op X (Twitter)").fill("@NoordHolland")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert ShareSettings.for_site(campus.get_site()).x_account == "@NoordHolland"

    # The pages under the home page are listed as the menu shows them.
    home = Page.objects.get(slug="over-het-manifest").get_parent()
    page.goto(live_server.url + reverse("wagtailadmin_explore", args=[home.pk]))
    rows = page.locator("main table tbody tr").all_inner_texts()
    titles = [child.title for child in home.get_children()]
    shown = [next(i for i, row in enumerate(rows) if title in row) for title in titles]
    assert shown == sorted(shown), (titles, rows)

    about = Page.objects.get(slug="over-het-manifest")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[about.pk]))
    # The main button, not one under "Meer acties" (those stay hidden until it is opened).
    expect(page.get_by_role("button", name="Publiceren", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Bewaar concept")).to_be_hidden()
    page.get_by_role("tab", name="Eigenschappen").click()
    expect(page.get_by_role("textbox", name="Webadres (slug)")).to_be_visible()

    # The demo flag is the loader's business, not the editor's.
    partner = Partner.objects.order_by("pk").first()
    page.goto(live_server.url + reverse("wagtailsnippets_partners_partner:edit", args=[partner.pk]))
    expect(page.get_by_role("textbox", name="Naam")).to_be_visible()
    expect(page.get_by_text("Demodata")).to_have_count(0)


def test_a_moderators_filter_drawer_stays_inside_the_window(page, live_server, site_data):
    event = EventPage.objects.live().order_by("-title").first()
    RegistrationFactory(event=event)
    user_with_role(MODERATOR, "moderator")

    log_in(page, live_server, "moderator")
    page.goto(live_server.url + reverse("wagtailsnippets_events_registration:list"))
    width = page.viewport_size["width"]
    for name in ["Evenement", "Datum"]:
        page.get_by_role("button", name="Filter").click()
        page.get_by_role("button", name=name).click()
        choice = page.get_by_role("combobox", name=name)
        expect(choice).to_be_visible()
        box = choice.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box, width)
        page.keyboard.press("Escape")
