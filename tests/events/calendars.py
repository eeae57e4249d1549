"""A calendar server on loopback and the iCalendar text it serves, for the tests of the campus
calendar import (tests/events, tests/browser); and the reading of the site's own calendar
files."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import icalendar
from django.utils import timezone


class CalendarServer:
    """Answers every path with `self.answer(handler)`; tests swap the answer."""

    def __init__(self):
        self.answer = lambda handler: handler.send_body(b"")
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                server.answer(self)

            def send_body(self, body, status=200, content_type="text/calendar", headers=()):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path="/agenda.ics", host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def serve(self, text):
        body = text.encode() if isinstance(text, str) else text
        self.answer = lambda handler: handler.send_body(body)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def day(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def stamp(days, hour=None, minute=0):
    """A DTSTART/DTEND value `days` from today: all day, or at `hour` Amsterdam time."""
    if hour is None:
        return f";VALUE=DATE:{day(days):%Y%m%d}"
    return f";TZID=Europe/Amsterdam:{day(days):%Y%m%d}T{hour:02d}{minute:02d}00"


def vevent(uid, summary, start=None, end=None, **extra):
    """A VEVENT; `end=False` leaves DTEND out."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SUMMARY:{summary}",
        f"DTSTART{start or stamp(30, 9)}",
        *([] if end is False else [f"DTEND{end or stamp(30, 12)}"]),
        "DTSTAMP:20260101T000000Z",
    ]
    lines += [f"{name.replace('_', '-')}{value}" for name, value in extra.items()]
    return "\r\n".join([*lines, "END:VEVENT"])


def ics(*events):
    return (
        "\r\n".join(
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Campus//Test//NL",
                *events,
                "END:VCALENDAR",
            ]
        )
        + "\r\n"
    )


# Events dated from today: made when a test needs them, at the date its clock was pinned to.
def open_day():
    return vevent(
        "open-dag@campus", "Open dag techniek", DESCRIPTION=":Kom kijken in de werkplaats."
    )


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return [component for component in calendar.walk("VEVENT")]
