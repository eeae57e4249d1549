"""What the page looks like before site.js runs, where scripts run: already as site.js leaves it,
so nothing shifts when it does (Lighthouse's layout shift, `make bench`). That no page scrolls
sideways on a phone: test_reflow.py."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from website.factories import StandardPageFactory

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def before_site_js(page):
    """The page as it first paints: site.js (deferred) has not run yet, here never."""
    page.route("**/static/js/site*.js", lambda route: route.abort())
    return page


@pytest.mark.parametrize("window", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_menu_paints_as_site_js_leaves_it(before_site_js, visit, site_data, window):
    StandardPageFactory(
        parent=Page.objects.get(slug="over-het-manifest"), title="Ons team", show_in_menus=True
    )
    before_site_js.set_viewport_size(window)
    visit("/")
    menu = before_site_js.get_by_role("navigation", name="Hoofdmenu")
    assert before_site_js.evaluate("document.documentElement.className") == "no-js"
    expect(before_site_js.get_by_role("link", name="Ons team")).to_be_hidden()
    agenda = menu.get_by_role("link", name="Agenda")
    if window is PHONE:
        expect(agenda).to_be_hidden()
        expect(before_site_js.get_by_role("button", name="Menu")).to_be_visible()
    else:
        expect(agenda).to_be_visible()
