from playwright.sync_api import expect

from campuses.models import CampusPage
from events.models import EventSession
from partners.models import PartnerKind
from tests.browser.conftest import assert_accessible
from tests.browser.keyboard import tab_to


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


def test_a_visitor_tabs_to_a_campus_with_a_pet_and_sees_its_next_event(visit, page):
    """Issue #6: map, marker by keyboard, campus with partners by kind and its next event."""
    campus = (
        CampusPage.objects.live()
        .filter(events__kind="pet", events__live=True, events__is_demo=True)
        .order_by("path")
        .first()
    )
    assert campus is not None, "the demo data should hold a PET on a campus"
    next_session = EventSession.objects.published().filter(event__campus=campus).upcoming().first()
    assert next_session is not None, f"{campus.title} should have an upcoming event"

    visit("/campussen/")
    tab_to(page, f'a.campus-map__marker[aria-label="{campus.title}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(campus.title)
    helix = page.get_by_role("region", name="Partners van de campus")
    partners = list(campus.partners.filter(live=True).order_by("name"))
    assert partners, f"{campus.title} should have partners in the demo data"
    for partner in partners:
        group = helix.get_by_role("region", name=f"{dict(PartnerKind.groups())[partner.kind]} (")
        expect(group.get_by_role("link", name=partner.name, exact=True)).to_be_visible()
    events = page.get_by_role("region", name="Evenementen op deze campus")
    first_card = events.locator(".event-card").first
    expect(
        first_card.get_by_role("link", name=next_session.event.title, exact=True)
    ).to_be_visible()
    expect(first_card.locator("time")).to_have_attribute("datetime", next_session.start.isoformat())
    assert_accessible(page)

    with page.expect_navigation():
        events.get_by_role("link", name="Alle evenementen in de agenda").click()
    assert f"campus={campus.slug}" in page.url
    expect(page.locator("#id_campus")).to_have_value(campus.slug)
    titles = page.locator(".event-list .card__title a")
    expect(titles.first).to_have_text(next_session.event.title)
    for index in range(titles.count()):
        expect(page.locator(".event-list .event-card").nth(index)).to_contain_text(campus.title)
    assert_accessible(page)
