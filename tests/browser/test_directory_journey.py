from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_a_stakeholder_searches_filters_and_opens_a_profile(visit, page):
    visit("/partners/")
    expect(page.locator("h1")).to_have_text("Partners")
    page.get_by_label("Zoek een organisatie, sector of plaats").fill("instalatie")
    page.get_by_label("Zoek een organisatie, sector of plaats").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Geen resultaten voor instalatie")
    assert_accessible(page)

    page.get_by_label("Zoek een organisatie, sector of plaats").fill("installatie")
    page.get_by_role("group", name="Regio").get_by_label("Groot-Amsterdam").check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page.get_by_role("heading", name="2 partners gevonden")).to_be_visible()
    expect(
        page.get_by_role("link", name="Regio: Groot-Amsterdam (filter verwijderen)")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Grachtstroom Energiediensten BV (demo)").click()
    expect(page.locator("h1")).to_have_text("Grachtstroom Energiediensten BV (demo)")
    expect(
        page.get_by_role("link", name="grachtstroom-energiediensten.example.nl (externe website)")
    ).to_be_visible()
    assert_accessible(page)
