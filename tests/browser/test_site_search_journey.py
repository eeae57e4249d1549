import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_a_visitor_searches_the_whole_site(visit, page):
    visit("/zoeken/")
    page.get_by_label("Zoekterm").fill("techniek")
    page.get_by_label("Zoekterm").press("Enter")
    # The group headings carry their counts ("Campussen (7)"); with Dutch stemming on
    # PostgreSQL the page "Campussen" itself is a hit too, with a heading of its own.
    expect(page.get_by_role("heading", name=re.compile(r"^Partners \(\d+\)$"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Campussen \(\d+\)$"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="TechLands").click()
    expect(page.locator("h1")).to_have_text("TechLands")
    assert_accessible(page)
