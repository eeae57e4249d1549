"""Figures from CBS open data (StatLine's OData API, version 3, JSON): `manage.py import_cbs TABLE`
and the monthly scheduled job.

For a supported table (TABLES) the import reads, from settings.CBS_ODATA_URL:

- `<table>/RegioS` and `<table>/Perioden`, the table's own codes with their titles
  (`{"value": [{"Key": "PV27    ", "Title": "Noord-Holland (PV)"}, ...]}`);
- `<table>/TypedDataSet?$filter=...`, one row per region, period and the table's other
  dimensions, a column per topic (`{"RegioS": "PV27    ", "Perioden": "2020JJ00",
  "Werkloosheidspercentage_12": 4.1, ...}`), following `odata.nextLink` (`@odata.nextLink` in
  version 4's envelope) to the next answer, at most `max_pages` answers.

A region code is an area's CBS code (Area.cbs_code: NL01 the Netherlands, PV27 Noord-Holland,
AM.. a labour-market region), or else the area whose name is the region's title (CBS titles a
labour-market region "Zaanstreek/Waterland (AM)"); a region of the table that is no area of the
monitor (another province, a municipality: GM....) is skipped. A topic is an indicator by the
table's mapping below. Every answer is fetched within
settings.CBS_IMPORT_LIMITS (core/remote.py: size, time, no private addresses), all of them
within one deadline; then every figure is checked as the CSV upload checks it (importing.py)
and saved in one transaction, or, with any problem, nothing is.
"""

import json
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings

from core.remote import TOO_SLOW, FetchError, Limits, fetch
from core.text import name_key

from . import importing

NEXT_LINK_KEYS = ("odata.nextLink", "@odata.nextLink")


@dataclass(frozen=True)
class Table:
    """A CBS table the monitor reads: which topic (column) is which indicator (slug), times
    what factor (CBS counts people in thousands), and the category of each other dimension
    that is the figure for everyone (the default $filter)."""

    title: str
    topics: dict[str, tuple[str, int]]
    categories: dict[str, str] = field(default_factory=dict)

    @property
    def default_filter(self):
        return " and ".join(f"{name} eq '{key}'" for name, key in self.categories.items())


# The tables and their topic keys as CBS describes them in each table's DataProperties
# (`<table>/DataProperties`). CBS starts a new table for each new regional division; check
# the keys there when adding one. A topic missing from an answer stops the import with its name.
TABLES = {
    "85542NED": Table(
        title="Arbeidsdeelname; regionale indeling",
        topics={
            "PotentieleBeroepsbevolking_1": ("potentiele-beroepsbevolking", 1000),
            "BrutoArbeidsparticipatie_2": ("bruto-arbeidsparticipatie", 1),
            "Werkloosheidspercentage_12": ("werkloosheid", 1),
        },
        categories={"Geslacht": "T001038", "Leeftijd": "52052   ", "Onderwijsniveau": "T001070"},
    ),
}


class CbsError(Exception):
    """The import of a table stopped before anything was written; `messages` say why."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__(" ".join(self.messages))


@dataclass
class Outcome:
    table: str
    result: importing.Check
    skipped: int  # rows of regions the monitor does not show, or of other categories

    def summary(self):
        skipped = f"; {self.skipped} rijen overgeslagen (andere gebieden of indeling)"
        return f"CBS {self.table}: {self.result.summary()}" + (skipped if self.skipped else "")


class Reader:
    """Fetches the answers of one table within one deadline."""

    def __init__(self, table):
        self.base = f"{settings.CBS_ODATA_URL.rstrip('/')}/{table}"
        self.limits = settings.CBS_IMPORT_LIMITS
        self.deadline = time.monotonic() + self.limits["total_seconds"]

    def get(self, url):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise FetchError(TOO_SLOW)
        limits = Limits.from_settings(
            self.limits, settings.CBS_IMPORT_ALLOW_PRIVATE_ADDRESSES, total_seconds=left
        )
        try:
            answer = json.loads(fetch(url, limits, accept="application/json"))
        except ValueError as error:
            raise CbsError("Het antwoord van CBS is geen geldige JSON.") from error
        if not isinstance(answer, dict) or not isinstance(answer.get("value"), list):
            raise CbsError("Het antwoord van CBS heeft geen lijst “value” (OData-JSON).")
        return answer

    def rows(self, path, query=""):
        """All rows of `path`, over as many answers as CBS splits them into."""
        url = f"{self.base}/{path}?$format=json{query}"
        rows = []
        for _ in range(self.limits["max_pages"]):
            answer = self.get(url)
            rows += answer["value"]
            url = next((answer[key] for key in NEXT_LINK_KEYS if answer.get(key)), None)
            if url is None:
                return rows
            if not str(url).startswith(self.base + "/"):
                raise CbsError("CBS verwijst voor de volgende rijen naar een ander adres.")
        raise CbsError(f"CBS stuurt meer dan {self.limits['max_pages']} delen; gebruik een filter.")

    def codes(self, dimension):
        """The keys of a dimension (without CBS's padding) with their titles."""
        return {
            str(item.get("Key", "")).strip(): item.get("Title", "")
            for item in self.rows(dimension)
            if isinstance(item, dict)
        }


def import_table(code, data_filter=None):
    """Import one supported table now: an Outcome, or CbsError with every reason (nothing was
    written then)."""
    code = code.strip().upper()
    table = TABLES.get(code)
    if table is None:
        raise CbsError(
            f"Tabel {code[:20]} wordt niet ondersteund; wel: {', '.join(sorted(TABLES))}."
        )
    reader = Reader(code)
    try:
        regions = reader.codes("RegioS")
        periods = reader.codes("Perioden")
        data_filter = table.default_filter if data_filter is None else data_filter
        query = f"&$filter={quote(data_filter)}" if data_filter else ""
        rows = reader.rows("TypedDataSet", query)
    except FetchError as error:
        raise CbsError(str(error)) from error
    figures, errors, skipped = to_figures(code, table, rows, regions, periods)
    result = importing.check(figures, errors)
    if not result.valid:
        raise CbsError(result.messages)
    return Outcome(code, importing.save(result), skipped)


def areas_of(regions):
    """The monitor's area of each region code of the table that it shows: by the area's CBS
    code, else by the region's title without CBS's kind ("Groot Amsterdam (AM)" is the area
    Groot-Amsterdam)."""
    by_code = importing.areas_by_code()
    by_name = {name_key(area.name): area for area in by_code.values()}
    found = {}
    for key, title in regions.items():
        area = by_code.get(key.upper()) or by_name.get(
            name_key(re.sub(r"\([A-Z]{2}\)$", "", title))
        )
        if area is not None:
            found[key] = area
    return found


def to_figures(code, table, rows, regions, periods):
    """The figures of the rows as importing.Rows (line: the row's place in the answers), the
    problems found on the way, and how many rows were skipped."""
    areas = areas_of(regions)
    source = f"CBS StatLine, tabel {code} ({table.title})"
    figures, errors, skipped = [], [], 0
    missing = [topic for topic in table.topics if rows and topic not in rows[0]]
    if missing:
        errors.append(f"Het antwoord van CBS mist de kolom(men) {', '.join(missing)}.")
        return figures, errors, skipped
    for line, row in enumerate(rows, start=1):
        region = str(row.get("RegioS") or "").strip()
        period = str(row.get("Perioden") or "").strip()
        if region not in regions:
            errors.append(f"Regel {line}: onbekende gebiedscode “{region[:20]}”.")
            continue
        other = any(
            str(row.get(name, "")).strip() != key.strip() for name, key in table.categories.items()
        )
        if region not in areas or other:
            skipped += 1
            continue
        if period and period not in periods:
            errors.append(f"Regel {line}: periode “{period[:20]}” staat niet in de tabel.")
            continue
        for topic, (indicator, factor) in table.topics.items():
            value = row.get(topic)
            if value is None:  # CBS has no figure here (shown as "." in StatLine)
                continue
            if not isinstance(value, int | float) or isinstance(value, bool):
                errors.append(f"Regel {line}: “{str(value)[:20]}” in kolom {topic} is geen getal.")
                continue
            value = Decimal(str(value)) * factor
            figures.append(
                importing.Row(line, indicator, areas[region].slug, period, str(value), source)
            )
    return figures, errors, skipped
