"""A campus coordinator changes their campus page in the admin and sends it to the workflow
"Redactiecontrole"; a Redacteur approves it from the dashboard and it is live.

axe runs on the public pages; Wagtail's own admin pages are not ours to fix."""

from django.urls import reverse
from playwright.sync_api import expect

from campuses.models import CampusPage
from tests.browser.admin import log_in, log_out
from tests.roles import CAMPUSCOORDINATOR, REDACTEUR, user_with_role

NEW_INTRO = "Techport leidt samen met bedrijven in de IJmond technici op, nu ook in de avond."


def test_a_coordinators_change_goes_live_after_a_redacteur_approves_it(visit, page, live_server):
    campus = CampusPage.objects.get(slug="techport")
    user_with_role(CAMPUSCOORDINATOR, "coordinator", [campus])
    user_with_role(REDACTEUR, "redacteur")

    log_in(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[campus.pk]))
    page.get_by_role("textbox", name="Inleiding").fill(NEW_INTRO)
    # Without the right to publish, the main action sends the page to the workflow.
    page.get_by_role("button", name="Stuur door naar Redactiecontrole").click()
    expect(page.get_by_text("Pagina 'Techport' is ter goedkeuring ingediend.")).to_be_visible()
    visit(campus.url)
    expect(page.get_by_text(NEW_INTRO)).to_have_count(0)

    log_out(page)
    log_in(page, live_server, "redacteur")
    review = page.get_by_role("region", name="Wacht op uw beoordeling")
    row = review.get_by_role("row").filter(has_text="Techport")
    expect(row).to_contain_text("coordinator")
    row.get_by_role("button", name="Acties").click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    expect(page.get_by_role("region", name="Wacht op uw beoordeling")).to_have_count(0)

    visit(campus.url)
    expect(page.get_by_text(NEW_INTRO)).to_be_visible()
