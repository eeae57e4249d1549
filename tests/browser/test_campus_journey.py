from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_manifest_journey import tab_to


def test_a_visitor_tabs_to_a_campus_on_the_map_and_sees_its_partners(visit, page):
    visit("/campussen/")
    expect(
        page.get_by_role("group", name="Kaart van Noord-Holland met de technische campussen")
    ).to_be_visible()
    tab_to(page, 'a.campus-map__marker[aria-label="3D Makers Zone"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("3D Makers Zone")
    helix = page.get_by_role("region", name="Partners van de campus")
    expect(helix.get_by_role("heading", name="Onderwijs", exact=False)).to_be_visible()
    expect(helix.get_by_role("link", name="Nova College")).to_be_visible()
    assert_accessible(page)
