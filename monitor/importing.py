"""Figures into the monitor, from any source (the admin's CSV upload in upload.py, CBS open data
in cbs.py): one check of all rows, then one write.

A row names an indicator (its slug), an area (its slug or its CBS code), a period (2020,
2020 K3, 2020-03, or CBS's 2020JJ00, 2020KW03, 2020MM03), a value and optionally a source.
`check()` reads every row against the database and says per row, in Dutch, what is wrong
(unknown indicator or area, missing or unreadable period, no number, a row twice) or what a
save would do (new, changed, unchanged). `save()` writes only a check without errors, in one
transaction: nothing is ever half-imported.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core import pagecache

from .models import MONTHS, Area, Indicator, Observation, PeriodKind, period_label

NEW, CHANGED, UNCHANGED = "nieuw", "gewijzigd", "ongewijzigd"
# What Observation.value holds: 16 digits, 4 of them after the point.
DECIMAL_PLACES = 4
LARGEST = Decimal(10) ** 12
FIRST_YEAR, LAST_YEAR = 1900, 2100
PERIOD_HELP = "gebruik 2020 (jaar), 2020 K3 (kwartaal) of 2020-03 (maand)"

# Periods as people and CBS write them; each pattern names its year and its number.
PERIOD_PATTERNS = (
    (PeriodKind.YEAR, re.compile(r"(?P<year>\d{4})(JJ00)?")),
    (PeriodKind.QUARTER, re.compile(r"(?P<year>\d{4})\s*[-/ ]?\s*(K|Q|KW0?)(?P<n>\d)")),
    (PeriodKind.MONTH, re.compile(r"(?P<year>\d{4})\s*(-|/|MM)\s*(?P<n>\d{1,2})")),
    (PeriodKind.MONTH, re.compile(r"(?P<n>\d{1,2})\s*[-/]\s*(?P<year>\d{4})")),
    (PeriodKind.MONTH, re.compile(r"(?P<name>[A-Z]{3})\S*\s+(?P<year>\d{4})")),
)
FIRST_MONTH = {PeriodKind.QUARTER: lambda n: 3 * n - 2, PeriodKind.MONTH: lambda n: n}
LAST_NUMBER = {PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}


# The text of a row that is saved as it came, by its name on CheckedRow and on Observation:
# longer than the field holds, the database would refuse it (PostgreSQL) or keep it whole
# (SQLite), neither of which the check may leave to the save.
STORED_TEXT = ("source",)


class Unreadable(ValueError):
    """A value of a row cannot be read; `str()` says why, in Dutch."""


def parse_period(text):
    """(PeriodKind, first day) of a period as people or CBS write it; Unreadable if not."""
    written = " ".join(str(text or "").split())
    text = written.upper()
    if not text:
        raise Unreadable("de periode ontbreekt")
    for kind, pattern in PERIOD_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        year = int(match["year"])
        parts = match.groupdict()
        if parts.get("name"):
            months = [month.upper() for month in MONTHS]
            number = months.index(parts["name"]) + 1 if parts["name"] in months else 0
        else:
            number = int(parts.get("n") or 1)
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= LAST_NUMBER.get(kind, 1):
            month = FIRST_MONTH[kind](number) if kind in FIRST_MONTH else 1
            return kind, datetime.date(year, month, 1)
    raise Unreadable(f"periode “{written[:20]}” is geen jaar, kwartaal of maand; {PERIOD_HELP}")


def parse_value(text):
    """A number written with a decimal comma or point (no thousands separators)."""
    text = "".join(str(text if text is not None else "").split())
    if not text:
        raise Unreadable("de waarde ontbreekt")
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise Unreadable(
            f"waarde “{text[:20]}” is geen getal (schrijf bijvoorbeeld 4,1 of 4.1, zonder "
            "punten of spaties voor duizendtallen)"
        )
    if abs(value) >= LARGEST:
        raise Unreadable(f"waarde {text[:20]} is te groot")
    return value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES))


@dataclass
class Row:
    """One figure as it came in: text, as typed or sent. `line` is where a person finds it."""

    line: int
    indicator: str
    area: str
    period: str
    value: object  # text from a file, a number or None from JSON
    source: str = ""


@dataclass
class CheckedRow:
    row: Row
    errors: list[str] = field(default_factory=list)
    indicator: Indicator | None = None
    area: Area | None = None
    kind: str = ""
    start: datetime.date | None = None
    value: Decimal | None = None
    status: str = ""
    existing: Observation | None = None

    @property
    def key(self):
        return (self.indicator.pk, self.area.pk, self.kind, self.start)

    @property
    def period_label(self):
        return period_label(self.kind, self.start) if self.start else self.row.period

    @property
    def old_value(self):
        return self.existing.value if self.status == CHANGED else None

    @property
    def source(self):
        return self.row.source.strip()


@dataclass
class Check:
    """The outcome of `check()`: every row with its errors or what saving it would do."""

    rows: list[CheckedRow]
    errors: list[str] = field(default_factory=list)  # about the whole file or response

    @property
    def row_errors(self):
        return [(checked.row.line, error) for checked in self.rows for error in checked.errors]

    @property
    def messages(self):
        """Every problem in Dutch, once: first those of the whole, then by row."""
        lines = (f"Regel {line}: {error}." for line, error in self.row_errors)
        return list(dict.fromkeys([*self.errors, *lines]))

    @property
    def valid(self):
        return bool(self.rows) and not self.errors and not self.row_errors

    def count(self, status):
        return sum(checked.status == status for checked in self.rows)

    def summary(self):
        counts = (self.count(NEW), self.count(CHANGED), self.count(UNCHANGED))
        return "{} nieuw, {} gewijzigd, {} ongewijzigd".format(*counts)


def areas_by_code():
    """Areas by slug and by CBS code, in capitals."""
    found = {}
    for area in Area.objects.all():
        found[area.slug.upper()] = area
        if area.cbs_code:
            found[area.cbs_code.strip().upper()] = area
    return found


def check(rows, errors=()):
    """Check `rows` (Row) against the database; nothing is written."""
    indicators = {indicator.slug.upper(): indicator for indicator in Indicator.objects.all()}
    areas = areas_by_code()
    checked = [check_row(row, indicators, areas) for row in rows]
    first_line = {}
    for item in checked:
        if item.errors:
            continue
        earlier = first_line.setdefault(item.key, item.row.line)
        if earlier != item.row.line:
            item.errors.append(
                f"staat dubbel: zelfde indicator, gebied en periode als regel {earlier}"
            )
    compare_with_saved([item for item in checked if not item.errors])
    if not rows and not errors:
        errors = ["Er staan geen cijfers in."]
    return Check(checked, list(errors))


def check_row(row, indicators, areas):
    item = CheckedRow(row)
    indicator, area = str(row.indicator or "").strip(), str(row.area or "").strip()
    item.indicator = indicators.get(indicator.upper())
    if item.indicator is None:
        item.errors.append(
            f"onbekende indicator “{indicator[:40]}”" if indicator else "de indicator ontbreekt"
        )
    item.area = areas.get(area.upper())
    if item.area is None:
        item.errors.append(f"onbekend gebied “{area[:40]}”" if area else "het gebied ontbreekt")
    try:
        item.kind, item.start = parse_period(row.period)
    except Unreadable as error:
        item.errors.append(str(error))
    try:
        item.value = parse_value(row.value)
    except Unreadable as error:
        item.errors.append(str(error))
    for name in STORED_TEXT:
        field = getattr(Observation, name).field
        length = len(getattr(item, name))
        if length > field.max_length:
            item.errors.append(
                f"de {field.verbose_name.lower()} is {length} tekens lang; "
                f"er passen er {field.max_length} in"
            )
    return item


def compare_with_saved(items):
    """Set each row's status against the observation saved for its key, if any."""
    if not items:
        return
    saved = Observation.objects.filter(
        indicator__in={item.indicator.pk for item in items},
        area__in={item.area.pk for item in items},
        period_start__in={item.start for item in items},
    )
    saved = {
        (obs.indicator_id, obs.area_id, obs.period_kind, obs.period_start): obs for obs in saved
    }
    for item in items:
        item.existing = saved.get(item.key)
        if item.existing is None:
            item.status = NEW
        elif (
            item.existing.value != item.value
            or item.existing.source != item.source
            or item.existing.is_demo
        ):
            item.status = CHANGED
        else:
            item.status = UNCHANGED


# -- CSV ---------------------------------------------------------------------------------------

# The columns of a CSV file, by their name in the header row (any case, any order).
COLUMNS = {"indicator": "indicator", "gebied": "area", "periode": "period", "waarde": "value"}
OPTIONAL_COLUMNS = {"bron": "source"}
DELIMITERS = (";", ",")
NOT_TEXT = (
    "Het bestand is geen CSV-bestand: het bevat tekens die in tekst niet voorkomen. Sla het "
    "in Excel op als “CSV UTF-8 (gescheiden door lijstscheidingsteken)”."
)
NOT_UTF8 = (
    "Het bestand is niet in UTF-8 opgeslagen. Sla het in Excel op als “CSV UTF-8 (gescheiden "
    "door lijstscheidingsteken)”."
)


def read_csv(data):
    """The rows of a CSV file (bytes: UTF-8 with or without BOM, `;` or `,` between columns) and
    the problems of the file as a whole; with such a problem, no rows."""
    if b"\0" in data:
        return [], [NOT_TEXT]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [NOT_UTF8]
    lines = text.splitlines()
    if not lines:
        return [], ["Het bestand is leeg."]
    header = lines[0]
    # The delimiter is the one that splits the header into the known columns.
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([header], delimiter=delimiter))
        except csv.Error:  # a cell longer than the reader takes: no header of ours
            continue
        names = [name.strip().lower() for name in cells]
        if set(COLUMNS) <= set(names):
            break
    else:
        expected = "; ".join([*COLUMNS, *OPTIONAL_COLUMNS])
        return [], [
            f"De eerste regel moet de namen van de kolommen geven: {expected} (bron mag "
            "ontbreken), gescheiden door ; of ,."
        ]
    wanted = {**COLUMNS, **OPTIONAL_COLUMNS}
    positions = {wanted[name]: names.index(name) for name in wanted if name in names}
    rows = []
    reader = csv.reader(lines[1:], delimiter=delimiter)
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            cells += [""] * (len(names) - len(cells))
            # The header is line 1; a quoted cell may span lines: the row's last line.
            line = reader.line_num + 1
            rows.append(Row(line, **{attr: cells[index] for attr, index in positions.items()}))
    except csv.Error:
        # Such as a cell longer than the reader takes (csv.field_size_limit()): the file as a
        # whole is refused, like the other problems here.
        return [], [
            f"Regel {reader.line_num + 1} kan niet gelezen worden: een cel is te lang of een "
            'aanhalingsteken (") staat verkeerd. Verbeter die regel en probeer het opnieuw.'
        ]
    return rows, []


class NotValid(Exception):
    """`save()` was given a check with errors."""


def save(result):
    """Write a valid check in one transaction: new figures, and changed ones with their new
    value and source (no longer demo). Returns the check made within the transaction, which
    may differ from `result` when someone saved in between."""
    if not result.valid:
        raise NotValid(result.messages)
    with transaction.atomic():
        again = check([item.row for item in result.rows])
        if not again.valid:
            raise NotValid(again.messages)
        now = timezone.now()
        new = [item for item in again.rows if item.status == NEW]
        changed = [item for item in again.rows if item.status == CHANGED]
        Observation.objects.bulk_create(
            Observation(
                indicator=item.indicator,
                area=item.area,
                period_kind=item.kind,
                period_start=item.start,
                value=item.value,
                source=item.source,
                imported_at=now,
            )
            for item in new
        )
        for item in changed:
            obs = item.existing
            obs.value, obs.source, obs.is_demo, obs.imported_at = (
                item.value,
                item.source,
                False,
                now,
            )
        Observation.objects.bulk_update(
            [item.existing for item in changed], ["value", "source", "is_demo", "imported_at"]
        )
        if new or changed:
            # Bulk writes send no signals: the pages and the open data change now.
            pagecache.bump()
    return again
