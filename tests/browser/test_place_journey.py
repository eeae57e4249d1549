"""A teacher in Hoorn finds what is near her without knowing her region's name: the agenda
within a distance of her town, the directory in her town's region; on a phone and a desktop."""

import pytest
from playwright.sync_api import expect

from campuses.models import CampusPage
from core import places
from events.factories import EventPageFactory
from events.models import EventIndexPage, EventSession
from tests.browser.conftest import assert_accessible

WINDOWS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def near_hoorn(km):
    hoorn = places.find("Hoorn")
    sessions = EventSession.objects.published().upcoming().select_related("event__campus")
    return {
        session.event.title
        for session in sessions
        if session.event.coordinates and hoorn.distance_km(*session.event.coordinates) <= km
    }


def apply_filters(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Filters toepassen").click()
    assert_accessible(page)


def assert_fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width} px)"


@pytest.mark.parametrize("window", WINDOWS)
def test_a_teacher_finds_events_and_partners_near_hoorn(visit, page, window):
    page.set_viewport_size(WINDOWS[window])
    # The demo's nearest events are in Den Helder, 40 km away: one in Alkmaar, 21 km.
    EventPageFactory(
        parent=EventIndexPage.objects.get(),
        title="PET TerraTechnica Alkmaar",
        campus=CampusPage.objects.get(slug="terratechnica"),
        location_name="",
    )
    expected = near_hoorn(25)
    assert "PET TerraTechnica Alkmaar" in expected
    assert expected != near_hoorn(60), "the demo agenda should have events further away"

    visit("/agenda/")
    page.get_by_label("Plaats of gemeente").fill("Hoorn")
    page.get_by_label("Afstand").select_option(label="Binnen 25 km")
    apply_filters(page)
    assert "plaats=Hoorn" in page.url and "afstand=25" in page.url
    titles = page.locator(".event-list .card__title a").all_inner_texts()
    assert titles and set(titles) <= expected
    expect(page.get_by_label("Plaats of gemeente")).to_have_value("Hoorn")
    assert_fits(page)

    page.get_by_label("Plaats of gemeente").fill("Atlantis")
    apply_filters(page)
    expect(page.get_by_role("status")).to_contain_text(
        "Atlantis kennen we niet als plaats of gemeente in Noord-Holland"
    )

    visit("/partners/")
    page.get_by_label("Plaats of gemeente").fill("Hoorn")
    apply_filters(page)
    expect(page.get_by_role("status").first).to_have_text(
        "U ziet partners die actief zijn in de regio Noord-Holland Noord, waar Hoorn ligt."
    )
    expect(page.locator(".partner-list > li").first).to_be_visible()
    assert_fits(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Plaats: Hoorn").click()
    assert "plaats" not in page.url
