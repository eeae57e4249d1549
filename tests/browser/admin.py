"""Logging in to the admin and out again in the browser, for the journeys of each role."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.roles import PASSWORD


def log_in(page, live_server, username):
    """Log in through the admin's form as a user made with tests.roles.PASSWORD."""
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def log_out(page):
    page.context.clear_cookies()


def add_inline_form(page, prefix):
    """Add a form to an inline panel, such as an event's dates.

    Wagtail binds the panel's add button when its admin script has unpacked the panels, which
    on a busy machine can come after the page's load event; a click before that does nothing.
    So click until the formset counts one more form."""
    total = page.locator(f"#id_{prefix}-TOTAL_FORMS")
    wanted = str(int(total.input_value()) + 1)
    for _ in range(10):
        page.locator(f"#id_{prefix}-ADD").click()
        try:
            expect(total).to_have_value(wanted, timeout=1000)
            return
        except AssertionError:
            continue
    expect(total).to_have_value(wanted)


def settle(page):
    """Wagtail 8 saves a draft by itself half a second after each change. Let that finish
    before a publishing button is pressed: an autosave still in flight when publishing ends
    can write the page back as it was (a race in Wagtail's autosave, docs/security.md)."""
    page.wait_for_timeout(700)
    expect(page.get_by_text("Bezig met opslaan...")).to_have_count(0)


def publish(page, button="Publiceren"):
    settle(page)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
