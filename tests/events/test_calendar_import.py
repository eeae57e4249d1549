"""Campus calendar import: calendars made here are served from a real HTTP server on
loopback; the limits are the small ones of website/settings/test.py. The import keeps the dates
from today up to a year ahead, so every test here runs with the clock pinned."""

import datetime
import io
import signal
import socket
import time
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from campuses.models import CampusPage
from core.remote import NOT_REACHABLE
from events.calendar_import import WRITE_BATCH, import_calendar
from events.models import CampusCalendar, EventPage, EventStatus, ImportedEvent, ImportOutcome
from events.models.pages import AMSTERDAM
from tests.bench.server import free_port
from tests.events.calendars import CalendarServer, day, ics, open_day, stamp, vevent

pytestmark = pytest.mark.date_dependent


@pytest.fixture(scope="module")
def server():
    calendar_server = CalendarServer()
    yield calendar_server
    calendar_server.stop()


# Events dated from today: made when a test needs them, at the date its clock was pinned to.
def workshop():
    return vevent(
        "workshop@campus",
        "Workshop lassen",
        stamp(14, 13, 30),
        stamp(14, 16),
        RRULE=":FREQ=WEEKLY;COUNT=3",
        LOCATION=":Hal 2",
    )


def fair():
    return vevent("beurs@campus", "Banenbeurs", stamp(40), stamp(42))


@pytest.fixture
def campus(home_page):
    return CampusPage.objects.order_by("path").first()


@pytest.fixture
def calendar(campus, server):
    return CampusCalendar.objects.create(campus=campus, url=server.url())


def imported(uid):
    """The latest version of the page an event became (drafts live in revisions)."""
    record = ImportedEvent.objects.get(uid=uid)
    return record.page.get_latest_revision_as_object()


def run(server, calendar, text):
    server.serve(text)
    report = import_calendar(calendar)
    calendar.refresh_from_db()
    return report


@pytest.mark.date_dependent(across_the_year=True)
def test_first_import_creates_draft_events_at_the_campus(server, calendar, campus):
    report = run(server, calendar, ics(open_day(), workshop(), fair()))

    assert report.error == ""
    assert sorted(report.new) == ["Banenbeurs", "Open dag techniek", "Workshop lassen"]
    pages = EventPage.objects.filter(imported_from__calendar=calendar)
    assert pages.count() == 3
    assert not any(page.live for page in pages)
    assert {page.campus_id for page in pages} == {campus.pk}
    open_day_page = imported("open-dag@campus")
    assert open_day_page.get_parent().specific_class.__name__ == "EventIndexPage"
    assert open_day_page.summary == "Kom kijken in de werkplaats."
    [session] = open_day_page.sessions.all()
    assert (session.date, session.start_time, session.end_time) == (
        day(30),
        datetime.time(9),
        datetime.time(12),
    )
    workshop_page = imported("workshop@campus")
    assert [s.date for s in workshop_page.sessions.all()] == [day(14), day(21), day(28)]
    assert workshop_page.location_name == "Hal 2"
    [fair_session] = imported("beurs@campus").sessions.all()
    assert (fair_session.date, fair_session.end_date, fair_session.all_day) == (
        day(40),
        day(41),
        True,
    )
    assert calendar.last_outcome == ImportOutcome.OK
    assert calendar.last_summary.startswith("3 nieuw, 0 bijgewerkt, 0 geannuleerd")
    assert "- Workshop lassen" in calendar.last_report


def test_times_in_other_zones_become_amsterdam_time(server, calendar):
    # 08:00 UTC is 09:00 in Amsterdam in winter, 10:00 in summer.
    winter = datetime.date(day(0).year + 1, 1, 15)
    event = vevent(
        "utc@campus",
        "In UTC",
        f":{winter:%Y%m%d}T080000Z",
        f":{winter:%Y%m%d}T100000Z",
    )
    with override_settings(CALENDAR_IMPORT_LIMITS=limits(horizon_days=800)):
        run(server, calendar, ics(event))
    [session] = imported("utc@campus").sessions.all()
    assert (session.start_time, session.end_time) == (datetime.time(9), datetime.time(11))


def limits(**changes):
    from django.conf import settings

    return {**settings.CALENDAR_IMPORT_LIMITS, **changes}


def test_a_second_import_updates_and_never_duplicates(server, calendar):
    run(server, calendar, ics(open_day(), workshop()))
    moved = vevent("open-dag@campus", "Open dag techniek", stamp(31, 10), stamp(31, 13))

    report = run(server, calendar, ics(moved, workshop()))

    assert EventPage.objects.filter(imported_from__calendar=calendar).count() == 2
    assert report.new == [] and report.updated == ["Open dag techniek"]
    assert report.unchanged == 1
    [session] = imported("open-dag@campus").sessions.all()
    assert (session.date, session.start_time) == (day(31), datetime.time(10))

    again = run(server, calendar, ics(moved, workshop()))
    assert (again.new, again.updated, again.unchanged) == ([], [], 2)


def test_cancelled_and_removed_events_are_marked_cancelled(server, calendar):
    run(server, calendar, ics(open_day(), workshop(), fair()))
    cancelled = open_day().replace("END:VEVENT", "STATUS:CANCELLED\r\nEND:VEVENT")

    report = run(server, calendar, ics(cancelled, fair()))  # the workshop left the feed

    assert sorted(report.cancelled) == ["Open dag techniek", "Workshop lassen"]
    assert imported("open-dag@campus").status == EventStatus.CANCELLED
    assert imported("workshop@campus").status == EventStatus.CANCELLED
    assert imported("beurs@campus").status == EventStatus.PLANNED
    assert "Geannuleerd (nieuwe conceptversie):" in calendar.last_report

    # Back in the feed, not cancelled: planned again.
    run(server, calendar, ics(open_day(), workshop(), fair()))
    assert imported("workshop@campus").status == EventStatus.PLANNED


def test_a_cancelled_event_says_so_in_the_agenda_and_on_its_page(server, calendar, client):
    cancelled = open_day().replace("END:VEVENT", "STATUS:CANCELLED\r\nEND:VEVENT")
    run(server, calendar, ics(cancelled))
    page = imported("open-dag@campus")
    page.save_revision().publish()
    agenda = page.get_parent()

    listing = client.get(agenda.url).content.decode()
    detail = client.get(page.url).content.decode()

    assert "Open dag techniek" in listing and "Geannuleerd" in listing
    assert "Geannuleerd" in detail and "Dit evenement gaat niet door." in detail


def test_fields_an_editor_changed_are_never_overwritten(server, calendar):
    run(server, calendar, ics(open_day()))
    page = imported("open-dag@campus")
    page.title = "Open dag techniek en ICT"  # the editor's own title
    page.save_revision()
    changed = vevent("open-dag@campus", "Open Dag", DESCRIPTION=":Nu ook met een rondleiding.")

    report = run(server, calendar, ics(changed))

    page = imported("open-dag@campus")
    assert page.title == "Open dag techniek en ICT"
    assert page.summary == "Nu ook met een rondleiding."
    assert report.kept == [("Open dag techniek en ICT", ["titel"])]
    assert "niet overschreven" in calendar.last_report


def test_past_events_are_counted_not_imported(server, calendar):
    old = vevent("oud@campus", "Vorig jaar", stamp(-300, 9), stamp(-300, 12))
    far = vevent("later@campus", "Over twee jaar", stamp(800, 9), stamp(800, 12))
    report = run(server, calendar, ics(old, far, open_day()))
    assert report.new == ["Open dag techniek"]
    assert report.past == 1
    assert report.skipped == [("later@campus", "het begint pas over meer dan 366 dagen")]
    assert calendar.last_summary.endswith("1 overgeslagen, 1 voorbij")


@pytest.mark.date_dependent(across_the_year=True)
def test_dates_that_have_passed_stay_and_make_no_new_version(server, calendar, clock):
    weekly = vevent(
        "wekelijks@campus", "Wekelijks", stamp(-7, 9), stamp(-7, 12), RRULE=":FREQ=WEEKLY;COUNT=3"
    )
    clock.shift(-datetime.timedelta(days=10))  # the first import ran ten days ago
    run(server, calendar, ics(weekly))
    clock.shift(datetime.timedelta(days=10))
    revisions = Revision.objects.count()

    report = run(server, calendar, ics(weekly))  # the first date has passed now

    assert report.unchanged == 1
    assert Revision.objects.count() == revisions
    dates = [session.date for session in imported("wekelijks@campus").sessions.all()]
    assert dates == [day(-7), day(0), day(7)]


@pytest.mark.date_dependent(across_the_year=True)
def test_a_recurring_event_starts_at_its_dtstart_even_off_its_rule(server, calendar):
    # Weekly on the weekday after the first date: the first date itself is not on the rule.
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day(31).weekday()]
    rule = f":FREQ=WEEKLY;BYDAY={weekday};UNTIL={day(46):%Y%m%d}T000000Z"
    course = vevent("cursus@campus", "Cursus", RRULE=rule)
    without_start = vevent("zonder-start@campus", "Zonder start", RRULE=rule, EXDATE=stamp(30, 9))

    run(server, calendar, ics(course, without_start))

    dates = [session.date for session in imported("cursus@campus").sessions.all()]
    assert dates == [day(30), day(31), day(38), day(45)]
    dates = [session.date for session in imported("zonder-start@campus").sessions.all()]
    assert dates == [day(31), day(38), day(45)]


def test_an_event_an_editor_deleted_is_not_imported_again(server, calendar):
    run(server, calendar, ics(open_day()))
    imported("open-dag@campus").delete()

    report = run(server, calendar, ics(open_day()))

    assert report.new == []
    assert report.skipped == [("Open dag techniek", "de pagina is door een redacteur verwijderd")]
    assert not EventPage.objects.filter(title="Open dag techniek").exists()


def test_feed_text_is_plain_text(server, calendar, client):
    hostile = vevent(
        "html@campus",
        "<b>Open</b> dag<script>alert('x')</script> \u202eexe.",
        DESCRIPTION=":&lt;img src=x onerror=alert(1)&gt;Welkom\\nbij ons &amp; de buren",
        LOCATION=":<i>Hal</i> 3",
    )
    run(server, calendar, ics(hostile))
    page = imported("html@campus")
    assert page.title == "Open dag exe."
    assert page.summary == "Welkom bij ons & de buren"
    assert page.location_name == "Hal 3"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "alert" not in html and "<img src=x" not in html


def test_imported_text_is_decoded_once_and_keeps_no_invisible_characters(server, calendar, client):
    # Escaped twice: the text "&lt;script&gt;", which must not become a tag. A soft hyphen, a
    # tag character, a Hangul filler and a line separator show nothing.
    title = "Open\u00ad dag\U000e0041 \u3164&amp;lt;script&amp;gt;alert(1)\u2028"
    run(server, calendar, ics(vevent("tekst@campus", title, DESCRIPTION=":Kom &amp;amp; kijk")))
    page = imported("tekst@campus")
    assert page.title == "Open dag &lt;script&gt;alert(1)"
    assert page.summary == "Kom &amp; kijk"
    page.save_revision().publish()

    response = client.get(reverse("api:list", args=["evenementen"]) + "?per_pagina=100")

    [item] = [item for item in response.json()["results"] if item["title"].startswith("Open d")]
    assert item["title"] == "Open dag &lt;script&gt;alert(1)"
    assert "<script" not in response.content.decode()


def first_days_of_months(after, until):
    """The 1st of each month after the date `after` whose 09:00 is not later than `until`."""
    first = after.replace(day=1)
    while True:
        first = (first + datetime.timedelta(days=31)).replace(day=1)
        if datetime.datetime.combine(first, datetime.time(9), tzinfo=AMSTERDAM) > until:
            return
        yield first


@pytest.mark.date_dependent(across_the_year=True)
def test_endless_and_costly_recurrence_rules_are_skipped_with_the_reason(server, calendar):
    events = [
        vevent("daily@campus", "Elke dag", RRULE=":FREQ=DAILY"),  # no end: > 20 in a year
        vevent("secondly@campus", "Elke seconde", RRULE=":FREQ=SECONDLY"),
        # Never matches: dateutil would search up to the year 9999.
        vevent("never@campus", "Nooit", RRULE=":FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"),
        vevent("weekly@campus", "Elke week", RRULE=":FREQ=WEEKLY"),  # 53 in the year: > 20
        vevent("monthly@campus", "Elke maand", RRULE=":FREQ=MONTHLY;BYMONTHDAY=1"),
        open_day(),
    ]
    report = run(server, calendar, ics(*events))

    assert sorted(report.new) == ["Elke maand", "Open dag techniek"]
    reasons = dict(report.skipped)
    assert reasons["daily@campus"] == "het heeft meer dan 20 data binnen een jaar"
    assert reasons["secondly@campus"] == (
        "herhaling met frequentie SECONDLY wordt niet ondersteund"
    )
    assert (
        reasons["never@campus"] == "herhalingsregel met BYMONTH, BYMONTHDAY wordt niet ondersteund"
    )
    assert "weekly@campus" in reasons
    # The first date is DTSTART, 30 days from now, then the 1st of each month up to a year ahead.
    monthly = [session.date for session in imported("monthly@campus").sessions.all()]
    year_ahead = timezone.now() + datetime.timedelta(days=366)
    assert monthly == [day(30), *first_days_of_months(after=day(30), until=year_ahead)]
    assert "Overgeslagen:" in calendar.last_report


# -- Hostile calendars: the run stops, says why, and changes nothing ---------------------------


def huge(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/calendar")
    handler.end_headers()  # no length: the reader has to count
    handler.wfile.write(ics(*[open_day()] * 2000).encode())


def slow(handler):
    time.sleep(0.5)
    handler.send_body(ics(open_day()).encode())


def trickle(handler):
    handler.send_response(200)
    handler.end_headers()
    for char in ics(open_day()).encode()[:40]:
        handler.wfile.write(bytes([char]))
        handler.wfile.flush()
        time.sleep(0.1)


def many(handler):
    events = [vevent(f"e{n}@campus", f"Evenement {n}") for n in range(51)]
    handler.send_body(ics(*events).encode())


def other_host(handler):
    port = handler.server.server_address[1]
    handler.send_body(b"", status=302, headers=[("Location", f"http://localhost:{port}/x.ics")])


def to_ftp(handler):
    handler.send_body(b"", status=301, headers=[("Location", "ftp://127.0.0.1/x.ics")])


HOSTILE = {
    "huge": (huge, "groter dan 64 kB"),
    "invalid": (lambda h: h.send_body(b"<html>Niet gevonden</html>"), "geen geldige iCalendar"),
    "many events": (many, "51 evenementen"),
    "slow": (slow, "te traag"),
    "trickle": (trickle, "te traag"),
    "other host": (other_host, "andere server (localhost)"),
    "other scheme": (to_ftp, "https:// of http://"),
    "not found": (lambda h: h.send_body(b"", status=404), "status 404"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_calendar_changes_nothing_and_says_why(server, calendar, case):
    run(server, calendar, ics(open_day(), workshop()))
    revisions = Revision.objects.count()
    answer, reason = HOSTILE[case]
    server.answer = answer

    # Shorter than the test settings: each byte comes within the read timeout, the whole not.
    with override_settings(CALENDAR_IMPORT_LIMITS=limits(read_timeout=0.3, total_seconds=0.6)):
        report = import_calendar(calendar)

    assert_refused_unchanged(calendar, report, reason, revisions)


def assert_refused_unchanged(calendar, report, reason, revisions):
    """The run failed with `reason` and left the two events of the earlier run as they were."""
    calendar.refresh_from_db()
    assert reason in report.error
    assert calendar.last_outcome == ImportOutcome.FAILED
    assert calendar.last_report == f"Mislukt: {report.error}"
    assert Revision.objects.count() == revisions
    assert ImportedEvent.objects.filter(calendar=calendar, in_feed=True).count() == 2
    assert imported("workshop@campus").status == EventStatus.PLANNED


def test_too_many_dates_in_all_stops_the_import(server, calendar):
    events = [
        vevent(f"w{n}@campus", f"Wekelijks {n}", RRULE=":FREQ=WEEKLY;COUNT=15") for n in range(14)
    ]
    report = run(server, calendar, ics(*events))
    assert "meer dan 200 data" in report.error
    assert not ImportedEvent.objects.exists()


@contextmanager
def hard_limit(seconds):
    """Fails the test, rather than hanging the suite, should reading run away again."""

    def stop(signum, frame):
        pytest.fail(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def vtimezone(*parts, tzid="Eigen tijd"):
    return "\r\n".join(["BEGIN:VTIMEZONE", f"TZID:{tzid}", *parts, "END:VTIMEZONE"])


def zone_part(kind="STANDARD", rule="FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", offset="+0100"):
    lines = ["DTSTART:16010101T030000", f"RRULE:{rule}", "TZOFFSETFROM:+0200"]
    return "\r\n".join([f"BEGIN:{kind}", *lines, f"TZOFFSETTO:{offset}", f"END:{kind}"])


def in_own_zone():
    return vevent(
        "zone@campus",
        "In een eigen tijdzone",
        f";TZID=Eigen tijd:{day(30):%Y%m%d}T090000",
        f";TZID=Eigen tijd:{day(30):%Y%m%d}T120000",
    )


# Each expanded while reading a time, before: the first never ends (it grew to gigabytes), the
# second steps through 400 years for each of its thousands of parts.
COSTLY = {
    "a zone that changes every second": (
        lambda: [
            vtimezone(
                zone_part(rule="FREQ=SECONDLY"),
                zone_part("DAYLIGHT", rule="FREQ=SECONDLY", offset="+0200"),
            )
        ],
        {},
        "elk uur of vaker",
    ),
    "a zone of thousands of parts": (
        lambda: [vtimezone(*[zone_part(offset=f"+0{n % 10}00") for n in range(3000)])],
        {"max_bytes": 1024 * 1024},
        "meer dan 100 onderdelen",
    ),
    "too many lines": (
        lambda: [vevent(f"e{n}@campus", f"Evenement {n}") for n in range(20)],
        {"max_lines": 100},
        "meer dan 100 regels",
    ),
}


@pytest.mark.parametrize("case", COSTLY)
def test_a_calendar_too_costly_to_read_ends_in_time_and_changes_nothing(server, calendar, case):
    run(server, calendar, ics(open_day(), workshop()))
    revisions = Revision.objects.count()
    components, changes, reason = COSTLY[case]

    with override_settings(CALENDAR_IMPORT_LIMITS=limits(**changes)), hard_limit(20):
        report = run(server, calendar, ics(*components(), in_own_zone(), open_day(), workshop()))

    assert_refused_unchanged(calendar, report, reason, revisions)


@pytest.mark.date_dependent(across_the_year=True)
def test_time_zones_are_taken_by_name_never_from_the_file(server, calendar):
    # A zone of the file is never read: a name the import knows (IANA, Windows) is that zone,
    # another name is Amsterdam time, like a time without a zone.
    def at(uid, tzid):
        start, end = [f";TZID={tzid}:{day(30):%Y%m%d}T{hour}0000" for hour in (15, 17)]
        return vevent(uid, uid, start, end)

    zones = [vtimezone(zone_part(offset="+0500"), tzid=tzid) for tzid in ("Eigen tijd", "UTC")]
    run(
        server,
        calendar,
        ics(
            *zones,
            at("eigen", "Eigen tijd"),
            at("utc", "UTC"),
            at("windows", "W. Europe Standard Time"),
            at("amerika", "America/New_York"),
        ),
    )

    def start(uid):
        [session] = imported(uid).sessions.all()
        return session.start_time

    def in_amsterdam(tzid):
        moment = datetime.datetime.combine(day(30), datetime.time(15), tzinfo=ZoneInfo(tzid))
        return moment.astimezone(AMSTERDAM).time()

    assert start("eigen") == start("windows") == datetime.time(15)
    assert start("utc") == in_amsterdam("UTC")
    assert start("amerika") == in_amsterdam("America/New_York")


# -- Writing -----------------------------------------------------------------------------------


def test_an_import_writes_in_short_transactions_and_a_failure_keeps_whole_batches(
    initial_content, server
):
    # Committed for real (not inside a test's transaction): events per committed transaction.
    campus = CampusPage.objects.order_by("path").first()
    calendar = CampusCalendar.objects.create(campus=campus, url=server.url())
    events = [vevent(f"e{n:02}@campus", f"Evenement {n}") for n in range(2 * WRITE_BATCH + 1)]
    committed, current = [], []

    def count(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "events_importedevent"'):
            if not current:
                transaction.on_commit(lambda: committed.append(len(current)) or current.clear())
            current.append(sql)
        return execute(sql, params, many, context)

    def fail_in_the_second_batch(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "events_importedevent"') and committed:
            raise DatabaseError("disk full")
        return count(execute, sql, params, many, context)

    with override_settings(CALENDAR_IMPORT_LIMITS=limits(max_events=100)):
        server.serve(ics(*events))
        with connection.execute_wrapper(count):
            import_calendar(calendar)
        assert committed == [WRITE_BATCH, WRITE_BATCH, 1]

        committed.clear()
        other = CampusCalendar.objects.create(campus=campus, url=server.url("/b.ics"))
        with connection.execute_wrapper(fail_in_the_second_batch):
            failed = import_calendar(other)
        assert committed == [WRITE_BATCH]
        assert f"{WRITE_BATCH} evenementen zijn verwerkt" in failed.error
        assert len(failed.new) == other.imported_events.count() == WRITE_BATCH
        assert EventPage.objects.filter(imported_from__calendar=other).count() == WRITE_BATCH

        again = import_calendar(other)  # goes on where the failed run stopped
    assert (len(again.new), again.unchanged) == (WRITE_BATCH + 1, WRITE_BATCH)
    assert other.imported_events.count() == 2 * WRITE_BATCH + 1


# -- The address -------------------------------------------------------------------------------


def test_every_refused_address_gets_one_message_and_no_connection(server, calendar, settings):
    settings.CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    listening = socket.create_server(("127.0.0.1", 0))
    listening.setblocking(False)
    closed_url = f"http://127.0.0.1:{free_port()}/agenda.ics"

    def error(url):
        CampusCalendar.objects.filter(pk=calendar.pk).update(url=url)  # saved before the rule
        calendar.refresh_from_db()
        return import_calendar(calendar).error

    errors = [
        error(url)
        for url in [
            server.url(),
            server.url(host="localhost"),
            f"http://127.0.0.1:{listening.getsockname()[1]}/agenda.ics",
            closed_url,
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:10.0.0.1]/agenda.ics",
            "http://onbekend.invalid/agenda.ics",
        ]
    ]
    settings.CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES = True
    errors.append(error(closed_url))  # allowed, but closed: the same message

    assert set(errors) == {NOT_REACHABLE}
    with pytest.raises(BlockingIOError):
        listening.accept()  # checked before connecting: nobody knocked
    listening.close()
    assert not ImportedEvent.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:8000/agenda.ics",
        "https://localhost/agenda.ics",
        "http://10.1.2.3/agenda.ics",
        "http://[::1]/agenda.ics",
        "http://100.64.0.1/agenda.ics",
    ],
)
def test_internal_addresses_cannot_be_saved(campus, redacteur_client, settings, url):
    settings.CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    response = redacteur_client.post(
        reverse("wagtailsnippets_events_campuscalendar:add"),
        {"campus": campus.pk, "url": url, "active": "on"},
    )
    assert response.status_code == 200
    assert NOT_REACHABLE in response.content.decode()
    assert not CampusCalendar.objects.exists()


def test_the_command_registers_no_internal_address(campus, settings):
    settings.CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(CommandError, match="niet openbaar"):
        call_command(
            "import_calendars", "--url", "http://169.254.169.254/latest/", "--campus", campus.slug
        )
    assert not CampusCalendar.objects.exists()


def test_only_http_addresses_can_be_registered(campus):
    calendar = CampusCalendar(campus=campus, url="file:///etc/passwd")
    with pytest.raises(Exception, match="url"):
        calendar.full_clean()


# -- The command and the admin ----------------------------------------------------------------


def test_the_command_imports_one_calendar_once(server, campus):
    server.serve(ics(open_day()))
    out = io.StringIO()
    call_command("import_calendars", "--url", server.url(), "--campus", campus.slug, stdout=out)

    assert "1 nieuw, 0 bijgewerkt" in out.getvalue()
    calendar = CampusCalendar.objects.get(url=server.url())
    assert not calendar.active  # not in the regular runs until staff switch it on
    assert calendar.last_outcome == ImportOutcome.OK


def test_the_command_imports_the_active_calendars(server, campus):
    server.serve(ics(open_day()))
    CampusCalendar.objects.create(campus=campus, url=server.url("/a.ics"))
    CampusCalendar.objects.create(campus=campus, url=server.url("/b.ics"), active=False)
    out = io.StringIO()
    call_command("import_calendars", stdout=out)
    assert "/a.ics" in out.getvalue() and "/b.ics" not in out.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["--url", "ftp://example.org/a.ics", "--campus", "x"],
        ["--url", "https://example.org/a.ics"],
        ["--url", "https://example.org/a.ics", "--campus", "bestaat-niet"],
    ],
)
def test_the_command_refuses_bad_arguments(args, db):
    with pytest.raises(CommandError):
        call_command("import_calendars", *args, stdout=io.StringIO())


def test_redacteuren_see_the_report_in_the_admin(server, calendar, redacteur_client):
    run(server, calendar, ics(open_day(), vevent("x@campus", "Zonder einde", end=False)))

    listing = redacteur_client.get(reverse("wagtailsnippets_events_campuscalendar:list"))
    detail = redacteur_client.get(
        reverse("wagtailsnippets_events_campuscalendar:inspect", args=[calendar.pk])
    )

    assert listing.status_code == 200
    assert "1 nieuw, 0 bijgewerkt, 0 geannuleerd, 0 ongewijzigd, 1 overgeslagen" in (
        listing.content.decode()
    )
    html = detail.content.decode()
    assert "- Open dag techniek<br>" in html
    assert "x@campus: de eindtijd ontbreekt" in html


def test_redacteuren_register_a_calendar(campus, redacteur_client):
    url = reverse("wagtailsnippets_events_campuscalendar:add")
    response = redacteur_client.post(
        url, {"campus": campus.pk, "url": "https://campus.example.nl/agenda.ics", "active": "on"}
    )
    assert response.status_code == 302
    assert CampusCalendar.objects.filter(campus=campus).exists()

    refused = redacteur_client.post(url, {"campus": campus.pk, "url": "javascript:alert(1)"})
    assert refused.status_code == 200
    assert CampusCalendar.objects.count() == 1


def test_coordinators_see_only_the_calendars_of_their_campus(campus, coordinator_client):
    other = CampusPage.objects.exclude(pk=campus.pk).order_by("path").first()
    own = CampusCalendar.objects.create(campus=campus, url="https://a.example.nl/a.ics")
    foreign = CampusCalendar.objects.create(campus=other, url="https://b.example.nl/b.ics")

    listing = coordinator_client.get(
        reverse("wagtailsnippets_events_campuscalendar:list")
    ).content.decode()
    assert "a.example.nl" in listing and "b.example.nl" not in listing
    edit = reverse("wagtailsnippets_events_campuscalendar:edit", args=[own.pk])
    assert coordinator_client.get(edit).status_code == 200
    # Not to another campus, and not the other campus's calendar.
    coordinator_client.post(edit, {"campus": other.pk, "url": own.url, "active": "on"})
    own.refresh_from_db()
    assert own.campus_id == campus.pk
    foreign_edit = reverse("wagtailsnippets_events_campuscalendar:edit", args=[foreign.pk])
    assert coordinator_client.get(foreign_edit).status_code in (302, 403, 404)
