"""The home page as each visitor meets it, on a phone and on a desktop: their task on the first
screen, the search field in the header, the menu on one row."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from website.factories import StandardPageFactory
from website.models import HomePage

WINDOWS = {"telefoon": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
TASKS = [
    "Vind een PET voor uw klas",
    "Vind een ouder-kind-dag",
    "Onderteken het manifest",
    "Vind partners",
]

pytestmark = pytest.mark.parametrize("window", WINDOWS.values(), ids=WINDOWS.keys())


def assert_on_first_screen(page, locator):
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    size = page.viewport_size
    assert page.evaluate("window.scrollY") == 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"], box


def test_each_audience_sees_its_task_on_the_first_screen(visit, page, window):
    page.set_viewport_size(window)
    visit("/")
    tasks = page.get_by_role("region", name="Wat wilt u doen?")
    for name in TASKS:
        assert_on_first_screen(page, tasks.get_by_role("link", name=name))
    assert_on_first_screen(page, tasks.get_by_role("searchbox", name="zoek op de site"))
    assert_on_first_screen(page, page.get_by_role("searchbox", name="Zoek op deze website"))
    # Nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= window["width"]

    # A teacher: one click to the agenda with only the PETs.
    tasks.get_by_role("link", name="Vind een PET voor uw klas").click()
    expect(page.locator("h1")).to_have_text("Agenda")
    expect(page.get_by_label("Soort")).to_have_value("pet")
    assert_accessible(page)

    # An organisation: one click to the signing form.
    page.go_back()
    page.get_by_role("region", name="Wat wilt u doen?").get_by_role(
        "link", name="Onderteken het manifest"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Onderteken het manifest")
    assert_accessible(page)


def test_the_header_search_works_on_any_page(visit, page, window):
    page.set_viewport_size(window)
    visit("/privacy/")
    field = page.get_by_role("search", name="Zoeken in de hele site").get_by_role("searchbox")
    assert_on_first_screen(page, field)
    field.fill("techniek")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=techniek$"))
    expect(page.locator("h1")).to_have_text("Zoeken")
    expect(page.get_by_label("Zoekterm")).to_have_value("techniek")
    assert_accessible(page)


def test_the_desktop_menu_keeps_seven_items_on_one_row(visit, page, site_data, window):
    page.set_viewport_size(window)
    items = page.locator(".main-nav__list > li")

    def rows():
        return {round(box["y"]) for box in (item.bounding_box() for item in items.all())}

    visit("/")
    # The initial content's seven: the home page, five sections and "Achtergrond".
    expect(items).to_have_count(7)
    if window["width"] < 768:
        # On a phone the menu is behind its button and the header keeps to the screen.
        expect(page.get_by_role("button", name="Menu")).to_be_visible()
        expect(items.first).to_be_hidden()
        return
    assert len(rows()) == 1, rows()

    # Beyond seven the menu wraps onto a second row, inside the window.
    home = HomePage.objects.get()
    for title in ["Werken in de techniek", "Nieuws", "Veelgestelde vragen"]:
        StandardPageFactory(parent=home, title=title, show_in_menus=True)
    visit("/")
    expect(items).to_have_count(10)
    boxes = [item.bounding_box() for item in items.all()]
    assert len({round(box["y"]) for box in boxes}) == 2
    assert all(box["x"] + box["width"] <= window["width"] for box in boxes)
