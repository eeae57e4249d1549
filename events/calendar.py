"""The calendar's two outputs besides the list: the month grid and iCalendar (RFC 5545)."""

import calendar as stdlib_calendar
import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.dates import WEEKDAYS
from django.utils.html import strip_tags
from django.utils.http import http_date

from core import pagecache

# The month grid goes this far from today either way; further is a crawler, not a visitor.
MONTHS_REACHABLE = 36


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    sessions: list


@dataclass
class MonthGrid:
    first_day: datetime.date
    today: datetime.date
    problem: str = ""
    weeks: list = field(default_factory=list)
    weekdays = list(WEEKDAYS.values())  # Monday first, as the grid

    @classmethod
    def for_request(cls, value, today):
        """The month named by `maand=JJJJ-MM`, or this month with a Dutch notice."""
        this_month = today.replace(day=1)
        if not value:
            return cls(this_month, today)
        try:
            first = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            first = datetime.date.min  # not a month: out of reach, so the notice below
        if abs((first.year - today.year) * 12 + first.month - today.month) > MONTHS_REACHABLE:
            notice = "Die maand kennen we niet; we tonen de huidige maand."
            return cls(this_month, today, problem=notice)
        return cls(first, today)

    @property
    def previous(self):
        return (self.first_day - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self):
        return (self.first_day + datetime.timedelta(days=31)).replace(day=1)

    @property
    def param(self):
        return f"{self.first_day:%Y-%m}"

    def fill(self, sessions):
        """Lay the month's sessions out in weeks (Monday first); one query for all of them."""
        month = self.first_day.month
        last_day = self.next - datetime.timedelta(days=1)
        by_day = {}
        for session in sessions.between(self.first_day, last_day).order_by("starts_at"):
            # The days of the neighbouring months in the first and last week stay empty:
            # their events belong to those months' pages.
            for day in session.days():
                if day.month == month:
                    by_day.setdefault(day, []).append(session)
        dates = stdlib_calendar.Calendar().monthdatescalendar(self.first_day.year, month)
        self.weeks = [
            [Day(day, day.month == month, day == self.today, by_day.get(day, [])) for day in week]
            for week in dates
        ]
        return self


def session_event(session, site_url):
    event = session.event
    url = site_url + event.url
    component = icalendar.Event()
    # Stable across edits: the session's primary key never changes.
    component.add("uid", f"event-{event.pk}-session-{session.pk}@{urlsplit(site_url).hostname}")
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("sequence", event.ical_sequence)
    component.add("summary", event.title)
    # A whole day is a DATE, ending (exclusive) on the day after, as RFC 5545 has it.
    component.add("dtstart", session.date if session.all_day else session.start)
    component.add("dtend", session.end.date() if session.all_day else session.end)
    # Plain text; icalendar escapes ; , and newlines as RFC 5545 requires.
    summary = strip_tags(event.summary or "").strip()
    description = "\n\n".join(part for part in [summary, url] if part)
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


def calendar_text(sessions, name):
    """The iCalendar text of `sessions` and the time of the last publication among them."""
    sessions = list(sessions)
    body = build_calendar(sessions, name, settings.WAGTAILADMIN_BASE_URL)
    published = [s.event.last_published_at for s in sessions if s.event.last_published_at]
    # Whole seconds, as HTTP dates have them, so If-Modified-Since compares equal.
    return body, int(max(published).timestamp()) if published else None


def calendar_response(request, sessions, name, filename):
    """The calendar as text/calendar, with ETag and Last-Modified; 304 when unchanged. The
    file is kept under the content version per URL (`sessions` is read only to build it),
    unless the URL has parameters the site does not know."""
    if pagecache.normalised_query(request) is None:
        body, last_modified = calendar_text(sessions, name)
    else:
        url = request.build_absolute_uri()
        body, last_modified = pagecache.kept(url, lambda: calendar_text(sessions, name))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    set_response_etag(response)
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    return get_conditional_response(request, response["ETag"], last_modified, response)
