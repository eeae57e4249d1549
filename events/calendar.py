"""The calendar's two outputs besides the list: the month grid and iCalendar (RFC 5545)."""

import calendar as stdlib_calendar
import datetime
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.html import strip_tags
from django.utils.http import http_date, quote_etag

# The month grid goes this far from today either way; further is a crawler, not a visitor.
MONTHS_REACHABLE = 36


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    sessions: list = field(default_factory=list)


@dataclass
class MonthGrid:
    year: int
    month: int
    today: datetime.date
    problem: str = ""
    weeks: list = field(default_factory=list)

    @classmethod
    def for_request(cls, value, today):
        """The month named by `maand=JJJJ-MM`, or this month with a Dutch notice."""
        if not value:
            return cls(today.year, today.month, today)
        try:
            first = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            first = None
        distance = (first.year - today.year) * 12 + first.month - today.month if first else 0
        if first is None or abs(distance) > MONTHS_REACHABLE:
            notice = "Die maand kennen we niet; we tonen de huidige maand."
            return cls(today.year, today.month, today, problem=notice)
        return cls(first.year, first.month, today)

    @property
    def first_day(self):
        return datetime.date(self.year, self.month, 1)

    @property
    def last_day(self):
        return datetime.date(
            self.year, self.month, stdlib_calendar.monthrange(self.year, self.month)[1]
        )

    @property
    def title(self):
        return f"{MONTHS[self.month]} {self.year}"

    @property
    def weekdays(self):
        return [WEEKDAYS[number] for number in range(7)]  # Monday first, as the grid

    def _shifted(self, months):
        index = self.year * 12 + self.month - 1 + months
        return datetime.date(index // 12, index % 12 + 1, 1)

    @property
    def previous(self):
        return self._shifted(-1)

    @property
    def next(self):
        return self._shifted(1)

    @property
    def param(self):
        return f"{self.year:04d}-{self.month:02d}"

    def fill(self, sessions):
        """Lay the month's sessions out in weeks (Monday first); one query for all of them."""
        by_day = {}
        for session in sessions.between(self.first_day, self.last_day).order_by("starts_at"):
            for day in session.days():
                by_day.setdefault(day, []).append(session)
        dates = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(self.year, self.month)
        # Days of the neighbouring months fill the first and last week, empty: their
        # events belong to those months' pages.
        self.weeks = [
            [
                Day(day, in_month, day == self.today, by_day.get(day, []) if in_month else [])
                for day, in_month in ((day, day.month == self.month) for day in week)
            ]
            for week in dates
        ]
        return self


def _text(value):
    """Plain text for DESCRIPTION; icalendar escapes ; , and newlines as RFC 5545 requires."""
    return strip_tags(value or "").strip()


def session_event(session, site_url):
    event = session.event
    url = site_url + event.url
    component = icalendar.Event()
    # Stable across edits: the session's primary key never changes.
    component.add("uid", f"event-{event.pk}-session-{session.pk}@{urlsplit(site_url).hostname}")
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("sequence", event.ical_sequence)
    component.add("summary", event.title)
    if session.all_day:
        component.add("dtstart", session.date)
        component.add("dtend", session.last_day + datetime.timedelta(days=1))
    else:
        component.add("dtstart", session.start)
        component.add("dtend", session.end)
    description = "\n\n".join(part for part in [_text(event.summary), url] if part)
    component.add("description", description)
    component.add("url", url)
    if event.location_text:
        component.add("location", event.location_text)
    if event.coordinates:
        component.add("geo", tuple(float(value) for value in event.coordinates))
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("categories", [event.get_kind_display()])
    return component


def build_calendar(sessions, name, site_url):
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for session in sessions:
        calendar.add_component(session_event(session, site_url))
    # VTIMEZONE for Europe/Amsterdam, only as far as the events need it.
    dates = [session.date for session in sessions] or [datetime.date.today()]
    calendar.add_missing_timezones(
        first_date=min(dates) - datetime.timedelta(days=366),
        last_date=max(dates) + datetime.timedelta(days=366),
    )
    return calendar.to_ical()


def calendar_response(request, sessions, name, filename):
    """The calendar as text/calendar, with ETag and Last-Modified; 304 when unchanged."""
    sessions = list(sessions)
    body = build_calendar(sessions, name, settings.WAGTAILADMIN_BASE_URL)
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    published = [s.event.last_published_at for s in sessions if s.event.last_published_at]
    # Whole seconds, as HTTP dates have them, so If-Modified-Since compares equal.
    last_modified = int(max(published).timestamp()) if published else None
    unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if unchanged is not None:
        return unchanged
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response
