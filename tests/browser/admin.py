"""Logging in to the admin and out again in the browser, for the journeys of each role."""

from django.urls import reverse

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
