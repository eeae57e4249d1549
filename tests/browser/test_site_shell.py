import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from tests.browser.conftest import assert_accessible
from website.factories import StandardPageFactory


def test_home_page_loads_and_is_accessible(visit):
    page = visit("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    # The footer leads developers to the open data, a page that must be accessible too.
    page.get_by_role("contentinfo").get_by_role("link", name="Open data").click()
    expect(page.locator("h1")).to_have_text("Open data")
    expect(page.get_by_role("table", name="Lijsten van de open data")).to_be_visible()
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_content(visit):
    page = visit("/over-het-manifest/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()
    assert page.url.endswith("#inhoud")


def test_menu_opens_and_closes_by_keyboard_on_a_phone(visit, page, site_data):
    StandardPageFactory(
        parent=Page.objects.get(slug="over-het-manifest"), title="Ons team", show_in_menus=True
    )
    page.set_viewport_size({"width": 375, "height": 740})
    visit("/")
    toggle = page.get_by_role("button", name="Menu")
    menu_link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda")
    expect(menu_link).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu_link).to_be_visible()
    assert_accessible(page)

    # The second level: its own button, Space opens it, Escape closes only it.
    sub_toggle = page.get_by_role("button", name="Onderdelen van Achtergrond")
    sub_link = page.get_by_role("link", name="Ons team")
    expect(sub_link).to_be_hidden()
    sub_toggle.focus()
    page.keyboard.press("Space")
    expect(sub_toggle).to_have_attribute("aria-expanded", "true")
    expect(sub_link).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(sub_toggle).to_have_attribute("aria-expanded", "false")
    expect(sub_toggle).to_be_focused()
    expect(sub_link).to_be_hidden()

    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(menu_link).to_be_hidden()


def test_menu_leads_to_a_section_with_breadcrumbs(visit, page):
    visit("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Achtergrond").click()
    expect(page.locator("h1")).to_have_text("Achtergrond")
    breadcrumbs = page.get_by_role("navigation", name="Kruimelpad")
    expect(breadcrumbs.get_by_role("link", name="Home")).to_be_visible()
    assert_accessible(page)


def test_not_found_page_is_dutch_and_accessible(page, live_server, site_data):
    response = page.goto(live_server.url + "/bestaat-niet/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    assert_accessible(page)


def test_the_accessibility_check_can_fail(page):
    page.set_content(
        '<html><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "<button></button></main></body></html>"
    )
    with pytest.raises(AssertionError, match="button-name"):
        assert_accessible(page)
