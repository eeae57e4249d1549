import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventKind, EventStatus
from tests.events.calendars import parse, vevents
from tests.events.conftest import in_days

# The feed holds the sessions from 30 days ago on, with their offset from UTC on their date.
pytestmark = pytest.mark.date_dependent


@pytest.mark.date_dependent(across_the_year=True)
def test_the_feed_holds_every_session_with_timezone_status_and_location(client, make_event):
    day = in_days(10)
    timed = make_event(
        title="PET Hoorn",
        dates=[(day, datetime.time(9), datetime.time(14, 30))],
        latitude=Decimal("52.642"),
        longitude=Decimal("5.059"),
    )
    whole_day = make_event(title="Festival", dates=[(in_days(20), None, None)])
    cancelled = make_event(title="Afgelast", status=EventStatus.CANCELLED)
    calendar = parse(client.get("/testagenda/feed.ics"))

    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Amsterdam"
    events = {str(event["SUMMARY"]): event for event in vevents(calendar)}
    assert set(events) == {"PET Hoorn", "Festival", "Afgelast"}

    pet = events["PET Hoorn"]
    assert pet["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert pet.decoded("DTSTART") == datetime.datetime.combine(
        day, datetime.time(9), tzinfo=pet.decoded("DTSTART").tzinfo
    )
    assert pet.decoded("DTSTART").utcoffset() in (
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    )
    assert pet["STATUS"] == "CONFIRMED"
    assert pet["LOCATION"] == "Techniekhal, Stationsplein 1, Haarlem"
    assert (pet["GEO"].latitude, pet["GEO"].longitude) == (52.642, 5.059)
    assert pet["URL"] == settings.WAGTAILADMIN_BASE_URL + timed.url
    assert "DTSTAMP" in pet and "SEQUENCE" in pet
    assert pet["UID"].startswith(f"event-{timed.pk}-session-")

    festival = events["Festival"]
    assert festival.decoded("DTSTART") == in_days(20)
    assert festival.decoded("DTEND") == in_days(21)
    assert events["Afgelast"]["STATUS"] == "CANCELLED"
    assert whole_day.pk != cancelled.pk


def test_the_feed_takes_the_calendar_filters(client, make_event):
    make_event(title="PET", kind=EventKind.PET)
    make_event(title="Overleg", kind=EventKind.ADVISORY_BOARD)
    calendar = parse(client.get("/testagenda/feed.ics", {"soort": "pet"}))
    assert [str(event["SUMMARY"]) for event in vevents(calendar)] == ["PET"]
    unfiltered = parse(client.get("/testagenda/feed.ics", {"soort": "onbekend"}))
    assert len(vevents(unfiltered)) == 2


def test_the_feed_is_built_once_per_content_version_and_filters(client, make_event):
    make_event(title="PET", kind=EventKind.PET)
    client.get("/testagenda/feed.ics", {"soort": "pet"})
    with CaptureQueriesContext(connection) as queries:
        again = parse(client.get("/testagenda/feed.ics", {"soort": "pet"}))
    assert [str(event["SUMMARY"]) for event in vevents(again)] == ["PET"]
    assert not [query for query in queries if "events_eventsession" in query["sql"]]
    # Parameters the site does not know are never kept: each would be a new entry.
    with CaptureQueriesContext(connection) as queries:
        client.get("/testagenda/feed.ics", {"x": "1"})
        client.get("/testagenda/feed.ics", {"x": "1"})
    assert len([query for query in queries if "events_eventsession" in query["sql"]]) == 2


def test_an_edit_keeps_the_uid_and_raises_the_sequence(client, make_event):
    event = make_event(title="Eerst")
    [before] = vevents(parse(client.get("/testagenda/feed.ics")))
    event.title = "Daarna"
    event.save_revision().publish()
    [after] = vevents(parse(client.get("/testagenda/feed.ics")))
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["SUMMARY"]) == "Daarna"


def test_a_repeat_request_with_the_etag_gets_304(client, make_event):
    make_event()
    first = client.get("/testagenda/feed.ics")
    assert first["ETag"] and first["Last-Modified"]
    repeat = client.get("/testagenda/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert repeat.status_code == 304
    assert repeat.content == b""
    since = client.get("/testagenda/feed.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_copy_from_the_page_cache_answers_if_modified_since_too(client, make_event, page_cache):
    make_event()
    first = client.get("/testagenda/feed.ics")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/testagenda/feed.ics")["X-Page-Cache"] == "hit"
    since = client.get("/testagenda/feed.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_change_gives_a_new_etag(client, make_event):
    event = make_event()
    first = client.get("/testagenda/feed.ics")
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    changed = client.get("/testagenda/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    "text",
    [
        "Regel een\nBEGIN:VEVENT\nSUMMARY:Nep\nEND:VEVENT",
        "Komma, puntkomma; en een backslash \\",
        "END:VCALENDAR",
    ],
)
def test_calendar_syntax_in_texts_is_escaped(client, make_event, text):
    make_event(title=f"Titel {text}"[:250], summary=text)
    response = client.get("/testagenda/feed.ics")
    lines = response.content.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1
    assert lines.count(b"END:VCALENDAR") == 1
    [event] = vevents(parse(response))
    assert str(event["SUMMARY"]) == f"Titel {text}"[:250]
    assert str(event["DESCRIPTION"]).startswith(text)


def test_the_event_ics_holds_only_that_event(client, make_event):
    event = make_event(title="Tweemaal", dates=[(in_days(3), None, None), (in_days(4), None, None)])
    make_event(title="Ander")
    response = client.get(f"{event.url}event.ics")
    calendar = parse(response)
    assert [str(e["SUMMARY"]) for e in vevents(calendar)] == ["Tweemaal", "Tweemaal"]
    assert len({str(e["UID"]) for e in vevents(calendar)}) == 2
    assert 'filename="tweemaal.ics"' in response["Content-Disposition"]


def test_unknown_or_unpublished_calendar_files_are_404(client, make_event):
    event = make_event(title="Verborgen")
    event.unpublish()
    assert client.get(f"/testagenda/{event.slug}/event.ics").status_code == 404
    assert client.get("/bestaat-niet/feed.ics").status_code == 404
    assert client.get("/partners/feed.ics").status_code == 404


def test_the_demo_agenda_feed_parses(client, home_page):
    calendar = parse(client.get("/agenda/feed.ics"))
    statuses = [str(event["STATUS"]) for event in vevents(calendar)]
    assert len(statuses) >= 25
    assert statuses.count("CANCELLED") == 1
