import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from events.models import EventPage, EventSession, Registration
from tests.browser.conftest import assert_accessible
from tests.browser.keyboard import tab_to
from tests.mails import link_path

# Written out here rather than imported from events.calendar, so the test checks the app's words.
DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
PET_KIND = "Promotie Event Techniek (PET)"
FIRST_GRID_EVENT = "table.month-grid a >> nth=0"


def month_title(day):
    return f"{DUTCH_MONTHS[day.month - 1].capitalize()} {day.year}"


def next_month(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def fact(card, term):
    """The value of a `<dt>term</dt><dd>value</dd>` pair in a card."""
    return card.locator("dl div").filter(has=card.page.locator("dt", has_text=term)).locator("dd")


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MAP_LINK = re.compile(r"^https://www\.openstreetmap\.org/\?mlat=\d+\.\d+&mlon=\d+\.\d+#map=16/")


def one_calendar_entry(page, url):
    """The single VEVENT of the .ics file at `url`, fetched as the browser would."""
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    [entry] = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    return entry


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_teacher_filters_opens_a_pet_registers_a_class_and_confirms_with_the_mail_link(
    visit, page, live_server, browser, viewport
):
    page.set_viewport_size(viewport)
    mail.outbox.clear()
    region = EventPage.objects.filter(kind="pet").first().region
    assert region is not None, "the demo data should put the first PET in a region"
    expected_titles = [
        session.event.title
        for session in EventSession.objects.published()
        .filter(event__kind="pet", event__region=region, event__audiences__slug="basisschool")
        .upcoming()
        .select_related("event")
    ]
    assert expected_titles, f"the demo data should have an upcoming PET in {region.name}"

    visit("/agenda/")
    expect(page.locator("h1")).to_have_text("Agenda")
    page.get_by_label("Doelgroep").select_option(label="Basisschool groep 5-8")
    page.get_by_label("Regio").select_option(label=region.name)
    with page.expect_navigation():
        page.get_by_role("button", name="Filters toepassen").click()
    assert "doelgroep=basisschool" in page.url
    assert f"regio={region.slug}" in page.url
    assert_accessible(page)

    count = len(expected_titles)
    expect(page.locator(".listing__count")).to_have_text(
        f"{count} evenement{'' if count == 1 else 'en'}"
    )
    cards = page.locator(".event-list .event-card")
    expect(cards.locator(".card__title a")).to_have_text(expected_titles)
    for index in range(count):
        card = cards.nth(index)
        expect(fact(card, "Soort")).to_have_text(PET_KIND)
        expect(fact(card, "Regio")).to_have_text(region.name)
        expect(fact(card, "Voor")).to_contain_text("Basisschool groep 5-8")

    pet_title = expected_titles[0]
    pet = EventPage.objects.get(title=pet_title)
    with page.expect_navigation():
        cards.locator(".card__title").get_by_role("link", name=pet_title, exact=True).first.click()
    expect(page.locator("h1")).to_have_text(pet_title)
    expect(page.locator(".eyebrow")).to_have_text(PET_KIND)
    # Where to go: the address (or the campus's place) and a map link with decimal points.
    facts = page.locator(".event__facts")
    expect(fact(facts, "Adres")).to_have_text(pet.full_address)
    expect(fact(facts, "Adres")).to_be_visible()
    map_link = page.get_by_role("link", name="Bekijk de locatie op de kaart")
    expect(map_link).to_be_visible()
    expect(map_link).to_have_attribute("href", MAP_LINK)
    # Each date adds only itself to a calendar.
    upcoming = pet.upcoming_sessions()
    ical_links = page.locator(".event__sessions").get_by_role("link", name="iCalendar")
    expect(ical_links).to_have_count(len(upcoming))
    for link, session in zip(ical_links.all(), upcoming, strict=True):
        expect(link).to_be_visible()
        entry = one_calendar_entry(page, live_server.url + link.get_attribute("href"))
        assert entry.decoded("DTSTART") == session.start
        assert pet.place_name in str(entry["LOCATION"])
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Meld uw klas aan").click()
    expect(page.locator("h1")).to_contain_text("Meld uw klas aan")
    expect(page.locator("h1")).to_contain_text(f"voor {pet_title}")
    assert_accessible(page)

    date_select = page.get_by_label(re.compile(r"^Datum"))
    if len(upcoming) > 1:
        # A PET on several dates asks which one; choose the last.
        expect(date_select.locator("option")).to_have_count(len(upcoming) + 1)
        date_select.select_option(str(upcoming[-1].pk))
        chosen = upcoming[-1]
    else:
        expect(date_select).to_have_count(0)
        chosen = upcoming[0]
    page.get_by_label("Naam van de school").fill("Basisschool De Zeester")
    page.get_by_label("BRIN-nummer of gemeente").fill("12AB")
    page.get_by_label("Groep 7").check()
    page.get_by_label("Groep 8").check()
    page.get_by_label("Aantal leerlingen").fill("27")
    page.get_by_label("Aantal begeleiders").fill("3")
    page.get_by_label("Uw naam").fill("Marieke de Vries")
    page.get_by_label("Uw e-mailadres").fill("m.devries@dezeester.example.nl")
    page.get_by_label("Ik ga akkoord met de verwerking", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("status")).to_contain_text("Kijk in uw e-mail")
    expect(page.get_by_role("status")).to_contain_text("m.devries@dezeester.example.nl")
    assert_accessible(page)

    registration = Registration.objects.get(email="m.devries@dezeester.example.nl")
    assert registration.event_id == pet.pk
    assert registration.session_id == chosen.pk
    assert registration.state == "onbevestigd"  # no place until the address is confirmed
    assert registration.school_name == "Basisschool De Zeester"
    assert registration.groups == "groep 7, groep 8"
    assert (registration.pupils, registration.adults, registration.places) == (27, 3, 30)

    [message] = [m for m in mail.outbox if "m.devries@dezeester.example.nl" in m.to]
    assert pet_title in message.subject
    path = link_path(message, "/aanmelding/")
    assert path.startswith(pet.url)

    # A fresh context, as when the teacher opens the link from her mailbox later.
    mailbox = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=viewport)
    try:
        page = mailbox.new_page()
        response = page.goto(live_server.url + path)
        assert response is not None and response.ok
        expect(page.locator("h1")).to_have_text("Bevestig uw aanmelding")
        assert_accessible(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Ja, ik bevestig mijn aanmelding").click()
        expect(page.locator("h1")).to_have_text("U bent aangemeld")
        expect(page.get_by_role("status")).to_contain_text("is bevestigd")
        registration.refresh_from_db()
        assert registration.state == "bevestigd"
        expect(page.get_by_role("link", name=pet_title).first).to_be_visible()
        expect(page.locator("dl.facts")).to_contain_text("Basisschool De Zeester")
        # What she needs on the day: the address, the map, the date for her calendar and
        # the PET's ouder-kind-dag, on the page and in the mail.
        expect(fact(page.locator(".content"), "Adres")).to_have_text(pet.full_address)
        expect(page.get_by_role("link", name="Bekijk de locatie op de kaart")).to_be_visible()
        add = page.get_by_role("link", name="Zet deze datum in uw agenda")
        expect(add).to_be_visible()
        entry = one_calendar_entry(page, live_server.url + add.get_attribute("href"))
        assert entry.decoded("DTSTART") == chosen.start
        family_days = list(pet.live_family_days())
        assert family_days, "the demo data should give each PET an ouder-kind-dag"
        for family_day in family_days:
            expect(page.get_by_role("link", name=family_day.title)).to_be_visible()
        assert_accessible(page)

        [confirmation] = [m for m in mail.outbox if m.subject == f"Aanmelding {pet_title}"]
        assert f"Adres: {pet.full_address}" in confirmation.body
        assert re.search(
            r"Kaart: https://www\.openstreetmap\.org/\?mlat=\d+\.\d+&", confirmation.body
        )
        assert f"{pet.url}ical/{chosen.pk}/" in confirmation.body
        for family_day in family_days:
            assert family_day.title in confirmation.body
        [(filename, content, mimetype)] = confirmation.attachments
        assert (filename, mimetype) == (chosen.ics_name, "text/calendar")
        [attached] = icalendar.Calendar.from_ical(content).walk("VEVENT")
        assert attached.decoded("DTSTART") == chosen.start

        # Cancelling asks first: one click is not enough.
        with page.expect_navigation():
            page.get_by_role("button", name="Afmelden").click()
        expect(page.get_by_role("heading", name="Weet u het zeker?")).to_be_visible()
        registration.refresh_from_db()
        assert registration.state == "bevestigd"
        assert_accessible(page)
        someone_waits = chosen.registrations.waitlist().exists()
        mail.outbox.clear()
        with page.expect_navigation():
            page.get_by_role("button", name="Ja, meld mij af").click()
        expect(page.locator("h1")).to_have_text("U bent afgemeld")
        status = page.get_by_role("status")
        expect(status).to_contain_text("Uw afmelding is verwerkt.")
        expect(status).to_contain_text("U krijgt hierover een e-mail.")
        if not someone_waits:
            expect(status).not_to_contain_text("wachtlijst")
        expect(page.get_by_role("button", name="Afmelden")).to_have_count(0)
        assert_accessible(page)
    finally:
        mailbox.close()
    registration.refresh_from_db()
    assert registration.state == "afgemeld"
    [cancelled] = [m for m in mail.outbox if m.to == ["m.devries@dezeester.example.nl"]]
    assert cancelled.subject == f"Afgemeld: {pet_title}"
    assert f"Adres: {pet.full_address}" in cancelled.body


def test_the_month_view_works_by_keyboard(visit, page):
    today = timezone.localdate()
    visit("/agenda/?weergave=maand")
    heading = page.locator("#maand-titel")
    expect(heading).to_have_text(month_title(today))
    current = page.locator('td[aria-current="date"]')
    expect(current).to_have_count(1)
    expect(current.locator(".month-grid__number")).to_contain_text(str(today.day))
    expect(current).to_contain_text("vandaag")

    shown = today.replace(day=1)
    for _ in range(4):
        tab_to(page, 'a[rel="next"]')
        expect(page.locator(":focus")).to_contain_text("Volgende maand")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        shown = next_month(shown)
        expect(heading).to_have_text(month_title(shown))
        assert f"maand={shown:%Y-%m}" in page.url
        assert_accessible(page)
        if page.locator("table.month-grid a").count():
            break
    else:
        raise AssertionError("no event in the month grid within four months from now")

    link = page.locator(FIRST_GRID_EVENT)
    # The link reads "09:00 PET ..." for a session with a start time.
    title = re.sub(r"^\d\d:\d\d ", "", link.inner_text().strip())
    assert EventPage.objects.live().filter(title=title).exists(), title
    tab_to(page, FIRST_GRID_EVENT)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(title)
    assert_accessible(page)


def test_a_cancelled_event_is_marked_in_the_list_and_takes_no_registrations(
    visit, page, live_server
):
    cancelled = EventPage.objects.get(status="geannuleerd")
    visit(f"/agenda/?soort={cancelled.kind}")
    cards = page.locator(".event-list .event-card")
    card = cards.filter(has=page.get_by_role("link", name=cancelled.title, exact=True))
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading")).to_have_text(f"{cancelled.title} (geannuleerd)")
    expect(card.locator(".event-status")).to_have_text("Geannuleerd")
    others = cards.filter(has_not=page.get_by_role("link", name=cancelled.title, exact=True))
    expect(others.first).to_be_visible()
    expect(others.locator(".event-status")).to_have_count(0)

    with page.expect_navigation():
        card.get_by_role("link", name=cancelled.title, exact=True).click()
    expect(page.locator("h1")).to_have_text(cancelled.title)
    expect(page.get_by_text("Dit evenement gaat niet door.")).to_be_visible()
    register = page.get_by_role("region", name="Aanmelden")
    expect(register).to_contain_text("Dit evenement is geannuleerd; aanmelden kan niet meer.")
    expect(register.get_by_role("link")).to_have_count(0)
    assert_accessible(page)

    # The form's address, typed in or bookmarked earlier, says so too.
    response = page.goto(live_server.url + cancelled.url + "aanmelden/")
    assert response.status == 410
    expect(page.get_by_role("alert")).to_have_text(
        "Dit evenement is geannuleerd. Aanmelden kan niet meer."
    )
    expect(page.locator("form.registration-form")).to_have_count(0)
    assert_accessible(page)
