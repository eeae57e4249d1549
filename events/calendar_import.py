"""Importing a campus's public iCalendar file into the agenda (README, "Calendar import").

One run of one calendar: fetch the file within `settings.CALENDAR_IMPORT_LIMITS`
(core/remote.py); read and check all of it within one deadline, skipping an unusable event
with its reason and refusing a file over a limit before anything is written; then, in short
transactions of a few events each, create draft pages for new events and a new draft revision
for changed ones, leaving alone the fields an editor changed since the last import. Nothing is
ever published by the import.
"""

import datetime
import logging
import re
import time
from dataclasses import dataclass, field
from itertools import islice

from dateutil import rrule
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from icalendar import Calendar
from icalendar.parser import Contentlines
from wagtail.coreutils import find_available_slug

from core.remote import FetchError, Limits, fetch
from core.text import text_from_html

from .models import (
    CampusCalendar,
    EventIndexPage,
    EventKind,
    EventPage,
    EventSession,
    EventStatus,
    ImportedEvent,
    ImportOutcome,
)
from .models.pages import AMSTERDAM, MAX_SESSION_DAYS, RESERVED_SLUGS

logger = logging.getLogger(__name__)

# Recurrence rules are expanded with dateutil, whose cost for a rule that never (or seldom)
# matches grows with the years up to 9999. Only rules whose cost is bounded are expanded: a
# DAILY or WEEKLY rule may name weekdays only; MONTHLY and YEARLY rules may filter more (at most
# ~100,000 and ~8,000 steps to year 9999). Each rule is stepped at most MAX_RULE_STEPS times.
RULE_PARTS = {
    "DAILY": {"BYDAY"},
    "WEEKLY": {"BYDAY", "WKST"},
    "MONTHLY": {"BYDAY", "BYMONTHDAY", "BYSETPOS", "WKST"},
    "YEARLY": {"BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYWEEKNO", "BYYEARDAY", "WKST"},
}
COMMON_RULE_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL"}
MAX_RULE_STEPS = 20_000
# A time zone changes its offset a few times a year, in a few rules.
MAX_ZONE_PARTS = 100
ZONE_RULE_TOO_OFTEN = re.compile(r"\bFREQ=(SECONDLY|MINUTELY|HOURLY)\b", re.IGNORECASE)
# Events written per transaction: other writers wait for one batch at most (SQLite has one
# writer at a time).
WRITE_BATCH = 25
TOO_LONG = "Het lezen van de agenda kost te veel tijd; er is niets veranderd."
TITLE_LENGTH = 200
SUMMARY_LENGTH = 400
LOCATION_LENGTH = 200

# The fields the import writes, in the order the report names them.
FIELD_LABELS = {
    "title": "titel",
    "summary": "samenvatting",
    "location_name": "locatie",
    "status": "status",
    "campus": "campus",
    "sessions": "data",
}
# The page attribute of a field, where it is not the field's name.
ATTRIBUTES = {"campus": "campus_id"}


class Refused(Exception):
    """The calendar as a whole cannot be imported; `str()` says why, in Dutch."""


# -- Reading and checking ---------------------------------------------------------------------


def session_value(session):
    """An `EventSession` (saved, in a revision or just read) as the import stores and
    compares it."""
    parts = (session.date, session.start_time, session.end_date, session.end_time)
    return [part.isoformat() if part else None for part in parts]


def session_from_value(value):
    date, start_time, end_date, end_time = value
    session = EventSession(
        date=datetime.date.fromisoformat(date),
        start_time=datetime.time.fromisoformat(start_time) if start_time else None,
        end_date=datetime.date.fromisoformat(end_date) if end_date else None,
        end_time=datetime.time.fromisoformat(end_time) if end_time else None,
    )
    session.starts_at, session.ends_at = session.start, session.end  # as save() sets them
    return session


def sorted_sessions(values):
    return sorted(values, key=lambda value: [part or "" for part in value])


class Skip(Exception):
    """One event cannot be imported; the others can."""


class Past(Skip):
    """All dates of an event have passed: counted in the report, not listed."""


def local(moment):
    """A DTSTART/DTEND value as a date (all day) or a datetime in Europe/Amsterdam; a floating
    time is taken as Amsterdam time."""
    if isinstance(moment, datetime.datetime):
        if moment.tzinfo is None:
            return moment.replace(tzinfo=AMSTERDAM)
        return moment.astimezone(AMSTERDAM)
    if isinstance(moment, datetime.date):
        return moment
    raise Skip("het begin of einde is geen datum")


def make_session(start, end):
    """One session from a start and an end (exclusive for whole days, as in iCalendar)."""
    if isinstance(start, datetime.datetime):
        if not isinstance(end, datetime.datetime) or end <= start:
            raise Skip("de eindtijd ontbreekt of ligt niet na de begintijd")
        start_time = start.time().replace(second=0, microsecond=0, tzinfo=None)
        end_time = end.time().replace(second=0, microsecond=0, tzinfo=None)
        last_day = end.date()
        if last_day > start.date() and end_time == datetime.time(0):
            # Ending at midnight is the end of the day before.
            last_day -= datetime.timedelta(days=1)
            end_time = datetime.time(23, 59)
        if last_day == start.date() and end_time <= start_time:
            raise Skip("de eindtijd ligt niet na de begintijd")
        session = EventSession(date=start.date(), start_time=start_time, end_time=end_time)
    else:
        if isinstance(end, datetime.datetime):
            end = end.date()
        last_day = end - datetime.timedelta(days=1) if end > start else start
        session = EventSession(date=start)
    if last_day != session.date:
        session.end_date = last_day
    if (last_day - session.date).days > MAX_SESSION_DAYS:
        raise Skip(f"het duurt langer dan {MAX_SESSION_DAYS} dagen")
    return session


def _end_of(component, start):
    if component.get("DTEND") is not None:
        return local(component.decoded("DTEND"))
    if component.get("DURATION") is not None:
        duration = component.decoded("DURATION")
        if not isinstance(duration, datetime.timedelta) or duration.total_seconds() <= 0:
            raise Skip("de duur is ongeldig")
        return start + duration
    if isinstance(start, datetime.datetime):
        raise Skip("de eindtijd ontbreekt")
    return start + datetime.timedelta(days=1)


def _occurrence_key(moment):
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(AMSTERDAM).replace(second=0, microsecond=0)
    return moment


def expand(master, start, end, window_start, window_end, max_occurrences, deadline):
    """The (start, end) pairs of a possibly recurring event that end in the window."""
    duration = end - start
    moments = [start]
    rules = master.get("RRULE")
    if rules is not None:
        rules = rules if isinstance(rules, list) else [rules]
        ruleset = rrule.rruleset()
        floating = not isinstance(start, datetime.datetime)
        dtstart = datetime.datetime.combine(start, datetime.time.min) if floating else start
        for rule in rules:
            parts = set(rule.keys())
            freq = (rule.get("FREQ") or [""])[0]
            if freq not in RULE_PARTS:
                raise Skip(f"herhaling met frequentie {freq or '(geen)'} wordt niet ondersteund")
            if not parts <= COMMON_RULE_PARTS | RULE_PARTS[freq]:
                unsupported = ", ".join(sorted(parts - COMMON_RULE_PARTS - RULE_PARTS[freq]))
                raise Skip(f"herhalingsregel met {unsupported} wordt niet ondersteund")
            if freq in ("DAILY", "WEEKLY") and any(
                not day.isalpha() for day in rule.get("BYDAY", [])
            ):
                raise Skip("herhalingsregel met een genummerde weekdag wordt niet ondersteund")
            text = rule.to_ical().decode()
            if floating:
                text = re.sub(r"UNTIL=(\d{8})(T\d{6}Z?)?", r"UNTIL=\1T235959", text)
            try:
                ruleset.rrule(rrule.rrulestr(text, dtstart=dtstart, ignoretz=floating))
            except (ValueError, TypeError) as error:
                raise Skip("de herhalingsregel is ongeldig") from error
        # DTSTART is the first instance of the set (RFC 5545, 3.8.5.3), also when the rule would
        # not produce it (an open day on the 4th, then the 1st of every month); dateutil leaves
        # it out then. An EXDATE still removes it.
        ruleset.rdate(dtstart)
        for value in master.exdates:
            value = local(value)
            if floating:
                day = value.date() if isinstance(value, datetime.datetime) else value
                value = datetime.datetime.combine(day, datetime.time.min)
            ruleset.exdate(value)
        moments = []
        try:
            for steps, moment in enumerate(islice(ruleset, MAX_RULE_STEPS + 1)):
                if steps >= MAX_RULE_STEPS:
                    raise Skip("de herhalingsregel levert te veel data op")
                if time.monotonic() > deadline:
                    raise Refused(TOO_LONG)
                moment = moment.date() if floating else moment
                if _as_datetime(moment) > window_end:
                    break
                moments.append(moment)
        except TypeError as error:  # a mix of floating and zoned times in one rule set
            raise Skip("de herhalingsregel is ongeldig") from error
    for value in master.rdates:
        moment = value[0] if isinstance(value, tuple) else value
        moments.append(local(moment))
    pairs = {}
    for moment in moments:
        if type(moment) is not type(start):
            raise Skip("de herhaalde data mengen hele dagen en tijden")
        if _as_datetime(moment + duration) > window_start and _as_datetime(moment) <= window_end:
            pairs[_occurrence_key(moment)] = (moment, moment + duration)
    if len(pairs) > max_occurrences:
        raise Skip(f"het heeft meer dan {max_occurrences} data binnen een jaar")
    return pairs


def _as_datetime(moment):
    if isinstance(moment, datetime.datetime):
        return moment
    return datetime.datetime.combine(moment, datetime.time.min, tzinfo=AMSTERDAM)


def read_event(master, overrides, calendar, lim, now, deadline):
    """The values of a VEVENT and its changed occurrences as the import writes them; Skip
    with the reason."""
    if master is None:
        raise Skip("alleen gewijzigde herhalingen, zonder het evenement zelf")
    title = text_from_html(master.get("SUMMARY"), TITLE_LENGTH)
    if not title:
        raise Skip("de titel (SUMMARY) ontbreekt")
    if master.get("DTSTART") is None:
        raise Skip("de begintijd (DTSTART) ontbreekt")
    start = local(master.decoded("DTSTART"))
    end = _end_of(master, start)
    window_start = now - datetime.timedelta(days=1)  # as Feed.window_start
    window_end = now + datetime.timedelta(days=lim["horizon_days"])
    pairs = expand(master, start, end, window_start, window_end, lim["max_occurrences"], deadline)
    for override in overrides:
        key = _occurrence_key(local(override.decoded("RECURRENCE-ID")))
        if str(override.get("STATUS", "")).upper() == "CANCELLED":
            pairs.pop(key, None)
        elif override.get("DTSTART") is not None:
            new_start = local(override.decoded("DTSTART"))
            pairs[key] = (new_start, _end_of(override, new_start))
    sessions = [make_session(start, end) for start, end in pairs.values()]
    if not sessions:
        if _as_datetime(start) > window_end:
            raise Skip(f"het begint pas over meer dan {lim['horizon_days']} dagen")
        raise Past("al voorbij")
    description = text_from_html(master.get("DESCRIPTION"), SUMMARY_LENGTH)
    cancelled = str(master.get("STATUS", "")).upper() == "CANCELLED"
    return {
        "title": title,
        "summary": description or f"Uit de agenda van {calendar.campus.title}.",
        "location_name": text_from_html(master.get("LOCATION"), LOCATION_LENGTH),
        "status": EventStatus.CANCELLED.value if cancelled else EventStatus.PLANNED.value,
        "campus": calendar.campus_id,
        "sessions": sorted_sessions(session_value(session) for session in sessions),
    }


@dataclass
class Feed:
    events: dict  # UID: values
    skipped: list  # (uid or summary, reason)
    uids: set  # every UID in the file, usable or not
    past: int  # events whose dates have all passed
    window_start: datetime.datetime  # sessions that end before it are not read


def without_time_zones(body, lim):
    """The file's content lines without its time zones (VTIMEZONE); Refused for a file too
    large to parse or with a time zone that cannot be one.

    icalendar and dateutil expand a time zone's rules while reading its times, and keep the
    zone for the whole process: a rule that repeats every second never ends. So a time zone is
    taken by its name only (an IANA or Windows name); a name the import does not know is read
    as Amsterdam time, like a time without a zone. The lines are read and split as icalendar
    does, so no VTIMEZONE can reach it."""
    lines, kept, stack, zone_parts = Contentlines.from_ical(body), [], [], 0
    if len(lines) > lim["max_lines"]:
        raise Refused(f"De agenda heeft meer dan {lim['max_lines']} regels; er is niets veranderd.")
    for line in filter(None, lines):  # icalendar ends the list with an empty string
        try:
            name, _, value = line.parts()
        except ValueError:  # a broken line, which icalendar skips or refuses too
            name = value = ""
        name, value = name.upper(), value.upper()
        if name == "BEGIN":
            zone_parts += "VTIMEZONE" in stack
            stack.append(value)
        in_zone = "VTIMEZONE" in stack
        if name == "END":
            if value == "VTIMEZONE" and not in_zone:
                raise Refused("Het bestand is geen geldige iCalendar-agenda (VTIMEZONE).")
            stack = stack[:-1]
        if not in_zone:
            kept.append(line)
        elif zone_parts > MAX_ZONE_PARTS or (name == "RRULE" and ZONE_RULE_TOO_OFTEN.search(value)):
            raise Refused(
                "De tijdzones (VTIMEZONE) in de agenda kunnen geen tijdzones zijn: samen meer "
                f"dan {MAX_ZONE_PARTS} onderdelen, of een regel die elk uur of vaker herhaalt. "
                "Er is niets veranderd."
            )
    return "\r\n".join(kept)


def read_feed(body, calendar, lim, deadline):
    """Check the whole file; Refused when it cannot be imported at all."""
    try:
        parsed = Calendar.from_ical(without_time_zones(body, lim))
    except Refused:
        raise
    except Exception as error:  # a third-party parser on hostile input: any failure
        raise Refused(f"Het bestand is geen geldige iCalendar-agenda ({error}).") from error
    if isinstance(parsed, list) or getattr(parsed, "name", "") != "VCALENDAR":
        raise Refused("Het bestand is geen iCalendar-agenda (geen VCALENDAR).")
    components = parsed.walk("VEVENT")
    if len(components) > lim["max_events"]:
        raise Refused(
            f"De agenda bevat {len(components)} evenementen; meer dan {lim['max_events']} "
            "wordt niet geïmporteerd."
        )
    masters, overrides, skipped = {}, {}, []
    for component in components:
        uid = text_from_html(component.get("UID"), 255)
        if not uid:
            skipped.append(
                (text_from_html(component.get("SUMMARY"), 80) or "?", "de UID ontbreekt")
            )
            continue
        if component.get("RECURRENCE-ID") is not None:
            overrides.setdefault(uid, []).append(component)
        elif uid in masters:
            skipped.append((uid, "de UID komt twee keer voor"))
        else:
            masters[uid] = component
    now = timezone.now()
    uids = set(masters) | set(overrides)
    events, sessions, past = {}, 0, 0
    for uid in sorted(uids):
        if time.monotonic() > deadline:
            raise Refused(TOO_LONG)
        try:
            values = read_event(
                masters.get(uid), overrides.get(uid, []), calendar, lim, now, deadline
            )
        except Past:
            past += 1
        except Skip as reason:
            skipped.append((uid, str(reason)))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            skipped.append((uid, f"het evenement is ongeldig ({error.__class__.__name__})"))
        else:
            sessions += len(values["sessions"])
            if sessions > lim["max_sessions"]:
                raise Refused(
                    f"De agenda heeft meer dan {lim['max_sessions']} data; er is niets "
                    "geïmporteerd."
                )
            events[uid] = values
    return Feed(events, skipped, uids, past, now - datetime.timedelta(days=1))


# -- Writing ----------------------------------------------------------------------------------


@dataclass
class Report:
    new: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    unchanged: int = 0
    skipped: list = field(default_factory=list)
    past: int = 0
    kept: list = field(default_factory=list)  # (title, fields an editor changed)
    error: str = ""
    written: int = 0  # events in the transactions committed so far

    def add(self, batch, events):
        """What a committed transaction of `events` events did."""
        for name in ("new", "updated", "cancelled", "skipped", "kept"):
            getattr(self, name).extend(getattr(batch, name))
        self.unchanged += batch.unchanged
        self.written += events

    def summary(self):
        if self.error:
            return f"Mislukt: {self.error}"
        return (
            f"{len(self.new)} nieuw, {len(self.updated)} bijgewerkt, "
            f"{len(self.cancelled)} geannuleerd, {self.unchanged} ongewijzigd, "
            f"{len(self.skipped)} overgeslagen, {self.past} voorbij"
        )

    def text(self):
        lines = [self.summary()]
        for heading, items in [
            ("Nieuw (concept)", self.new),
            ("Bijgewerkt (nieuwe conceptversie)", self.updated),
            ("Geannuleerd (nieuwe conceptversie)", self.cancelled),
            (
                "Door een redacteur gewijzigd, niet overschreven",
                [f"{title}: {', '.join(fields)}" for title, fields in self.kept],
            ),
            ("Overgeslagen", [f"{what}: {reason}" for what, reason in self.skipped]),
        ]:
            if items:
                lines.append(f"{heading}:")
                lines += [f"- {item}" for item in items]
        return "\n".join(lines)


def current_values(page):
    values = {name: getattr(page, ATTRIBUTES.get(name, name)) for name in FIELD_LABELS}
    sessions = (session_value(session) for session in page.sessions.all())
    return values | {"sessions": sorted_sessions(sessions)}


def apply_values(page, values, fields):
    for name in fields:
        if name == "sessions":
            page.sessions = [session_from_value(value) for value in values["sessions"]]
        else:
            setattr(page, ATTRIBUTES.get(name, name), values[name])
    if "title" in fields:
        page.draft_title = page.title


def create_page(agenda, values):
    slug = slugify(values["title"])[:70].strip("-") or "evenement"
    if slug in RESERVED_SLUGS:
        slug = f"evenement-{slug}"
    page = EventPage(
        slug=find_available_slug(agenda, slug),
        kind=EventKind.MEETING,
        live=False,
        has_unpublished_changes=True,
    )
    apply_values(page, values, list(FIELD_LABELS))
    agenda.add_child(instance=page)
    page.save_revision(log_action=True)
    return page


def update_page(record, values, report):
    """A new draft revision with the values that changed, except the fields an editor
    changed since the last import. None when nothing changed, else whether it cancelled."""
    page = record.page.get_latest_revision_as_object()
    current = current_values(page)
    last = record.imported_values
    editor_changed = [name for name in FIELD_LABELS if name in last and current[name] != last[name]]
    changes = [
        name
        for name in FIELD_LABELS
        if name not in editor_changed and current[name] != values[name]
    ]
    if editor_changed and any(values[name] != last[name] for name in editor_changed):
        report.kept.append((current["title"], [FIELD_LABELS[name] for name in editor_changed]))
    for name in changes:
        last[name] = values[name]  # record.imported_values, saved by the caller
    if not changes:
        return None
    apply_values(page, values, changes)
    page.save_revision(log_action=True)
    return "status" in changes and values["status"] == EventStatus.CANCELLED


def with_past_sessions(values, last, window_start):
    """The incoming values plus the sessions imported before that have ended since: a feed
    (or the import's window) drops past dates, the event keeps them."""
    past = [
        value
        for value in last.get("sessions", [])
        if session_from_value(value).end <= window_start and value not in values["sessions"]
    ]
    return {**values, "sessions": sorted_sessions(past + values["sessions"])}


def write_event(calendar, uid, values, record, agenda, feed, report):
    if record is None:
        page = create_page(agenda, values)
        ImportedEvent.objects.create(calendar=calendar, uid=uid, page=page, imported_values=values)
        report.new.append(values["title"])
        return
    record.in_feed = True
    if record.page is None:
        report.skipped.append((values["title"], "de pagina is door een redacteur verwijderd"))
        record.save()
        return
    cancelled = update_page(
        record, with_past_sessions(values, record.imported_values, feed.window_start), report
    )
    record.save()
    if cancelled:
        report.cancelled.append(values["title"])
    elif cancelled is None:
        report.unchanged += 1
    else:
        report.updated.append(values["title"])


def cancel_gone(record, report):
    """An event gone from the file is cancelled (unless an editor set another status)."""
    record.in_feed = False
    if record.page is not None:
        values = {**record.imported_values, "status": EventStatus.CANCELLED.value}
        if update_page(record, values, report):
            report.cancelled.append(record.page.draft_title)
    record.save()


def write(calendar, feed, agenda, report):
    """Write the checked feed in transactions of WRITE_BATCH events each, so no other writer
    waits long. An event is written whole, with its record: when a batch fails, the batches
    before it stay written and the next run goes on from there."""
    in_feed = calendar.imported_events.filter(in_feed=True).values_list("uid", flat=True)
    uids = [*feed.events, *sorted(set(in_feed) - feed.uids)]
    for start in range(0, len(uids), WRITE_BATCH):
        batch, done = uids[start : start + WRITE_BATCH], Report()
        with transaction.atomic():
            # Read under the lock: another run of this calendar may have written them since.
            CampusCalendar.objects.select_for_update().filter(pk=calendar.pk).first()
            records = calendar.imported_events.filter(uid__in=batch).select_related("page")
            records = {record.uid: record for record in records}
            for uid in batch:
                record = records.get(uid)
                if uid in feed.events:
                    write_event(calendar, uid, feed.events[uid], record, agenda, feed, done)
                elif record is not None and record.in_feed:
                    cancel_gone(record, done)
        report.add(done, len(batch))
    report.skipped += feed.skipped
    report.past = feed.past


def import_calendar(calendar):
    """Import one calendar now; the report is stored on it and returned."""
    lim = settings.CALENDAR_IMPORT_LIMITS
    deadline = time.monotonic() + lim["total_seconds"] * 2  # download plus reading
    report = Report()
    agenda = EventIndexPage.objects.order_by("path").first()
    try:
        if agenda is None:
            raise Refused("Er is geen agenda om evenementen in te zetten.")
        body = fetch(
            calendar.url,
            Limits.from_settings(lim, settings.CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES),
            accept="text/calendar, */*;q=0.5",
        )
        write(calendar, read_feed(body, calendar, lim, deadline), agenda, report)
    except (FetchError, Refused) as error:  # before anything was written
        report = Report(error=str(error))
    except Exception:  # one calendar's surprise must not stop the others
        logger.exception("Import of campus calendar %s failed", calendar.pk)
        if report.written:
            report.error = (
                f"Er ging iets onverwachts mis bij het opslaan; {report.written} evenementen "
                "zijn verwerkt (hieronder), de rest niet. De volgende import gaat verder."
            )
        else:
            report = Report(
                error="Er ging iets onverwachts mis bij het opslaan; er is niets veranderd."
            )
    calendar.last_run_at = timezone.now()
    calendar.last_outcome = ImportOutcome.FAILED if report.error else ImportOutcome.OK
    calendar.last_summary = Truncator(report.summary()).chars(300)
    calendar.last_report = report.text()
    calendar.save(update_fields=["last_run_at", "last_outcome", "last_summary", "last_report"])
    return report
