import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_a_stakeholder_searches_filters_and_opens_a_profile(visit, page):
    visit("/partners/")
    expect(page.locator("h1")).to_have_text("Partners")
    page.get_by_label("Zoek een organisatie, sector of plaats").fill("instalatie")
    page.get_by_label("Zoek een organisatie, sector of plaats").press("Enter")
    expect(page.locator(".notice")).to_contain_text("Geen resultaten voor instalatie")
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


VIEWPORTS = [
    pytest.param({"width": 390, "height": 844}, id="phone"),
    pytest.param({"width": 1280, "height": 900}, id="desktop"),
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_filters_apply_on_change_keep_focus_and_never_vanish(visit, page, viewport):
    page.set_viewport_size(viewport)
    visit("/partners/?q=techniek+mbo+Alkmaar")
    expect(page.locator(".notice")).to_have_text(
        "Geen resultaten voor alle woorden van techniek mbo Alkmaar; "
        "getoond: resultaten voor techniek mbo."
    )
    expect(page.get_by_role("group", name="Onderwijsniveau")).to_be_attached()

    visit("/partners/")
    companies = page.get_by_role("group", name="Soort").get_by_label("Bedrijven")
    companies.check()
    # Applied without the button: the URL and the count follow, focus stays on the box.
    page.wait_for_url("**soort=bedrijfsleven**")
    expect(page.get_by_role("link", name="Soort: Bedrijven (filter verwijderen)")).to_be_visible()
    expect(page.get_by_role("group", name="Soort").get_by_label("Bedrijven")).to_be_focused()
    count = page.locator(".listing__count")
    expect(page.locator("[data-filter-status]")).to_have_text(count.inner_text())
    # Companies active in mbo can still be asked for: the facet stayed, at 0.
    page.get_by_role("group", name="Onderwijsniveau").get_by_label(re.compile(r"^mbo ")).check()
    expect(count).to_have_text("0 partners gevonden")
    expect(page.get_by_role("group", name="Soort")).to_be_visible()
    assert_accessible(page)

    # A wrapped label does not squeeze its checkbox.
    widths = page.locator(".facet input").evaluate_all("boxes => boxes.map(b => b.offsetWidth)")
    assert min(widths) == max(widths)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_school_without_facts_has_no_empty_box(visit, page, viewport):
    page.set_viewport_size(viewport)
    visit("/partners/?q=Alkmaar")
    page.get_by_role("link", name="Inholland Alkmaar").click()
    expect(page.locator("h1")).to_contain_text("Inholland")
    expect(page.locator(".facts")).to_have_count(0)
    assert_accessible(page)
