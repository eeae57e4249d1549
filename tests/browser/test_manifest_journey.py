from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.keyboard import tab_to


def test_visitor_follows_an_action_and_filters_initiatives_by_keyboard(visit, page):
    visit("/manifest/")
    expect(
        page.get_by_role("heading", name="Actielijn II Behouden en vergroten", exact=False)
    ).to_be_visible()
    page.get_by_role("link", name="Zij-instroomtrajecten").click()
    expect(page.locator("h1")).to_have_text("Actie 4: Zij-instroomtrajecten")
    assert_accessible(page)
    initiatives = page.get_by_role("region", name="Initiatieven bij deze actie")
    expect(
        initiatives.get_by_role("link", name="Overstapprogramma techniek rond Schiphol")
    ).to_be_visible()

    page.get_by_role("link", name="Initiatieven bij deze actie filteren").click()
    expect(page.locator("h1")).to_have_text("Initiatieven")
    assert_accessible(page)

    # From here on, keyboard only: clear the action filter, choose a theme and a region.
    tab_to(page, "#id_actie")
    page.keyboard.type("Alle")
    tab_to(page, "#id_thema")
    page.keyboard.type("Instroom")
    tab_to(page, "#id_regio")
    page.keyboard.type("Groot")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    query = parse_qs(urlparse(page.url).query)
    assert query["thema"] == ["instroom-doorstroom-techniekpromotie"]
    assert query["regio"] == ["groot-amsterdam"]
    expect(page.get_by_role("heading", name="2 initiatieven gevonden")).to_be_visible()
    results = page.get_by_role("region", name="2 initiatieven gevonden")
    expect(
        results.get_by_role("link", name="Techniekdagen voor gezinnen in Amsterdam")
    ).to_be_visible()
    expect(
        results.get_by_role("link", name="Overstapprogramma techniek rond Schiphol")
    ).to_be_visible()
    assert_accessible(page)

    results.get_by_role("link", name="Techniekdagen voor gezinnen in Amsterdam").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Techniekdagen voor gezinnen in Amsterdam")
    assert_accessible(page)
