import datetime
import json
import re
from decimal import Decimal

import pytest
from django.utils.html import escape

from events.models import Audience, EventKind, EventStatus
from partners.factories import PartnerFactory
from tests.events.calendars import parse, vevents
from tests.events.conftest import in_days

# An event page shows its dates still to come, and their places.
pytestmark = pytest.mark.date_dependent


def json_ld(response):
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_an_event_page_shows_its_facts(client, make_event, campus):
    host = PartnerFactory(name="Werkplaats Noord", live=True)
    event = make_event(
        title="PET Beverwijk",
        campus=campus,
        location_name="",
        address="",
        hosts=[host],
        audiences=[Audience.objects.get(slug="basisschool")],
        accessibility="Rolstoeltoegankelijk, met een prikkelarme ruimte.",
        dates=[(in_days(9), datetime.time(9), datetime.time(14, 30))],
    )
    html = client.get(event.url).content.decode()
    assert f'<a href="{campus.url}">{campus.title}</a>' in html
    assert f'<a href="/partners/{host.slug}/">{host.name}</a>' in html
    assert "Basisschool groep 5-8" in html
    assert "prikkelarme ruimte" in html
    assert "09:00–14:30 uur" in html
    assert "Gratis" in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html
    assert f'href="{event.url}ical/{event.sessions.get().pk}/"' in html
    assert f'<meta property="og:title" content="{escape(event.title)}">' in html


def test_json_ld_describes_the_event_for_search_engines(client, make_event):
    host = PartnerFactory(name="Bouwbedrijf Kust", live=True)
    event = make_event(
        title="Ouder-kind-dag Den Helder",
        kind=EventKind.FAMILY_DAY,
        hosts=[host],
        audiences=[Audience.objects.get(slug="ouders-en-kinderen")],
        dates=[(in_days(4), datetime.time(10), datetime.time(15))],
    )
    data = json_ld(client.get(event.url))
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["startDate"].startswith(in_days(4).isoformat() + "T10:00:00+")
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Stationsplein 1",
        "addressLocality": "Haarlem",
        "addressRegion": "Noord-Holland",
        "addressCountry": "NL",
    }
    assert data["image"].startswith("http") and data["image"].endswith(".png")
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["offers"]["price"] == "0.00"
    assert data["organizer"] == [{"@type": "Organization", "name": host.name, "url": host.website}]
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Ouders en kinderen"}]
    assert data["typicalAgeRange"] == "6-12"


def test_json_ld_for_cancelled_and_rescheduled_events(client, make_event):
    cancelled = make_event(title="Afgelast", status=EventStatus.CANCELLED)
    data = json_ld(client.get(cancelled.url))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    # Nothing to book: no offer that says "in stock".
    assert "offers" not in data
    moved = make_event(title="Verplaatst", status=EventStatus.RESCHEDULED, original_date=in_days(2))
    rescheduled = json_ld(client.get(moved.url))
    assert rescheduled["eventStatus"].endswith("EventRescheduled")
    assert rescheduled["previousStartDate"] == in_days(2).isoformat()
    assert "Oorspronkelijk gepland op" in client.get(moved.url).content.decode()


def test_an_event_on_several_dates_has_one_json_ld_event_per_date(client, make_event):
    event = make_event(dates=[(in_days(3), None, None), (in_days(5), None, None)])
    data = json_ld(client.get(event.url))
    assert [item["startDate"] for item in data] == [in_days(3).isoformat(), in_days(5).isoformat()]


def test_json_ld_text_cannot_break_out_of_its_script(client, make_event):
    event = make_event(summary="</script><script>alert(1)</script>")
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client.get(event.url))["description"] == event.summary


def test_a_pet_and_its_ouder_kind_dag_link_to_each_other(client, make_event):
    pet = make_event(title="PET Purmerend")
    day = make_event(title="Ouder-kind-dag Purmerend", kind=EventKind.FAMILY_DAY, related_pet=pet)
    assert f'<a href="{day.url}">{day.title}</a>' in client.get(pet.url).content.decode()
    assert f'<a href="{pet.url}">{pet.title}</a>' in client.get(day.url).content.decode()


def test_places_left_and_the_waitlist_are_announced(client, make_event):
    from events.factories import RegistrationFactory

    event = make_event(on_site=True, capacity=3)
    assert "nog 3 plaatsen" in client.get(event.url).content.decode()
    RegistrationFactory(event=event, persons=3)
    html = client.get(event.url).content.decode()
    assert "Dit evenement is vol" in html
    assert "voor de wachtlijst" in html
    assert json_ld(client.get(event.url))["offers"]["availability"].endswith("SoldOut")


def test_a_full_date_is_sold_out_in_the_structured_data_and_the_other_is_not(client, make_event):
    from events.factories import RegistrationFactory

    times = (datetime.time(9), datetime.time(14, 30))
    event = make_event(
        on_site=True, capacity=3, dates=[(in_days(20), *times), (in_days(21), *times)]
    )
    first, second = event.sessions.order_by("date")
    RegistrationFactory(event=event, session=first, persons=3)
    availability = [item["offers"]["availability"] for item in json_ld(client.get(event.url))]
    assert availability == ["https://schema.org/SoldOut", "https://schema.org/InStock"]


def test_a_cancelled_event_page_says_so_and_offers_no_calendar_links(client, make_event):
    event = make_event(on_site=True, status=EventStatus.CANCELLED)
    html = client.get(event.url).content.decode()
    assert "Dit evenement gaat niet door." in html
    assert "calendar.google.com" not in html
    assert "aanmelden/" not in html


def test_the_page_shows_the_address_and_a_map_link_with_decimal_points(client, make_event):
    event = make_event(
        address="Dreef 3, 2012 HR Haarlem",
        latitude=Decimal("52.956300"),
        longitude=Decimal("4.759700"),
    )
    html = client.get(event.url).content.decode()
    assert "<dt>Adres</dt><dd>Dreef 3, 2012 HR Haarlem</dd>" in html
    # The Dutch locale writes 52,956300; a map service reads that as nothing.
    assert (
        'href="https://www.openstreetmap.org/?mlat=52.956300&amp;mlon=4.759700'
        '#map=16/52.956300/4.759700"'
    ) in html
    address = json_ld(client.get(event.url))["location"]["address"]
    assert (address["streetAddress"], address["postalCode"], address["addressLocality"]) == (
        "Dreef 3",
        "2012 HR",
        "Haarlem",
    )


def test_an_event_on_a_campus_without_an_address_names_the_campus_place(client, make_event, campus):
    assert not campus.address and campus.place == "IJmond"
    event = make_event(campus=campus, location_name="", address="")
    html = client.get(event.url).content.decode()
    assert "<dt>Adres</dt><dd>IJmond</dd>" in html
    assert f"mlat={campus.latitude}&amp;mlon={campus.longitude}" in html
    address = json_ld(client.get(event.url))["location"]["address"]
    # No empty keys: only what is known.
    assert address == {
        "@type": "PostalAddress",
        "addressLocality": "IJmond",
        "addressRegion": "Noord-Holland",
        "addressCountry": "NL",
    }


def test_each_date_has_its_own_calendar_file(client, make_event):
    times = (datetime.time(9), datetime.time(14, 30))
    event = make_event(title="Tweemaal", dates=[(in_days(3), *times), (in_days(4), *times)])
    html = client.get(event.url).content.decode()
    for session in event.sessions.order_by("date"):
        link = f"{event.url}ical/{session.pk}/"
        assert f'href="{link}"' in html
        response = client.get(link)
        [entry] = vevents(parse(response))
        assert entry.decoded("DTSTART").date() == session.date
        assert entry["LOCATION"] == "Techniekhal, Stationsplein 1, Haarlem"
        assert f'filename="tweemaal-{session.date:%Y-%m-%d}.ics"' in response["Content-Disposition"]
    assert client.get(f"{event.url}ical/999999/").status_code == 404
    other = make_event(title="Ander")
    # A date of another event is not this event's.
    assert client.get(f"{event.url}ical/{other.sessions.get().pk}/").status_code == 404


def test_an_event_is_shared_as_an_article(client, make_event):
    html = client.get(make_event().url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:type" content="website">' in client.get("/").content.decode()
