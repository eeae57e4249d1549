"""What the monitor's pages show, built from the observations of a few areas read in one
query: the latest value of each indicator with its changes, and the charts with their table
and CSV twins, which are made from the same rows so they cannot disagree."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.http import Http404
from django.utils.text import slugify

from core import pagecache

from . import charts
from .charts import format_value, rounded
from .models import Area, AreaKind, Better, Indicator, Observation, PeriodKind, period_label

# Coarse to fine: of two periods ending together, the finer is the newer news.
FINENESS = {PeriodKind.YEAR: 0, PeriodKind.QUARTER: 1, PeriodKind.MONTH: 2}
MONTHS_IN = {PeriodKind.YEAR: 12, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}
PER_KIND = {
    PeriodKind.YEAR: "per jaar",
    PeriodKind.QUARTER: "per kwartaal",
    PeriodKind.MONTH: "per maand",
}
CSV_HEADER = [
    "indicator",
    "gebied",
    "periode",
    "begin_periode",
    "waarde",
    "eenheid",
    "bron",
    "toelichting",
    "demogegevens",
]
CSV_DAY_FORMAT = "%d-%m-%Y"


def csv_number(value, decimals):
    """A value as Dutch Excel reads it from a CSV cell: a decimal comma, no grouping."""
    return f"{rounded(value, decimals):.{decimals}f}".replace(".", ",")


def with_unit(text, unit):
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def period_end(kind, start):
    """The period's end, in months since year zero: what makes one period newer."""
    return start.year * 12 + start.month - 1 + MONTHS_IN[kind]


def newness(observation):
    """What makes an observation newer: the end of its period, then the finer kind (the last
    quarter of a year is newer than the year)."""
    return period_end(observation.period_kind, observation.period_start), FINENESS[
        observation.period_kind
    ]


def value_text(observation):
    """The value with its unit, as the indicator writes it."""
    value = format_value(observation.value, observation.indicator.decimals)
    return with_unit(value, observation.indicator.unit)


class Figures:
    """The observations of `areas`, by indicator, area and kind of period, in period order."""

    def __init__(self, areas, indicators):
        self.indicators = indicators
        self.series = defaultdict(dict)
        indicator_by_pk = {indicator.pk: indicator for indicator in indicators}
        area_by_pk = {area.pk: area for area in areas}
        observations = Observation.objects.filter(area__in=areas, indicator__in=indicators)
        for item in observations.order_by("period_start"):
            # The objects at hand, so reading an observation's indicator costs no query.
            item.indicator, item.area = indicator_by_pk[item.indicator_id], area_by_pk[item.area_id]
            self.series[item.indicator_id, item.area_id, item.period_kind][item.period_start] = item

    def get(self, indicator, area, kind):
        return self.series.get((indicator.pk, area.pk, kind), {})

    def kinds(self, indicator, area):
        """The kinds of period `area` has figures of for `indicator`, coarse to fine."""
        return [kind for kind in FINENESS if self.get(indicator, area, kind)]

    def latest(self, indicator, area):
        """The newest observation of `area` for `indicator`, of any kind of period."""
        candidates = [
            list(self.get(indicator, area, kind).values())[-1]
            for kind in self.kinds(indicator, area)
        ]
        return max(candidates, key=newness) if candidates else None

    def previous(self, observation):
        series = self.get(observation.indicator, observation.area, observation.period_kind)
        starts = [start for start in series if start < observation.period_start]
        return series[starts[-1]] if starts else None

    def same_period(self, observation, area):
        series = self.get(observation.indicator, area, observation.period_kind)
        return series.get(observation.period_start)


@dataclass
class Difference:
    """How far a value lies from another, in words that need no colour."""

    amount: Decimal
    indicator: object
    against: str  # "2020 K1", "Nederland"

    @property
    def text(self):
        decimals = self.indicator.decimals
        if rounded(self.amount, decimals) == 0:
            return f"gelijk aan {self.against}"
        unit = "procentpunt" if self.indicator.unit == "%" else self.indicator.unit
        size = format_value(abs(self.amount), decimals)
        direction = "hoger" if self.amount > 0 else "lager"
        return f"{size} {unit} {direction} dan {self.against}"

    @property
    def judgement(self):
        """'gunstig', 'ongunstig' or '' when the indicator says nothing is better."""
        if (
            self.indicator.better == Better.NEUTRAL
            or rounded(self.amount, self.indicator.decimals) == 0
        ):
            return ""
        higher_is_better = self.indicator.better == Better.HIGHER
        return "gunstig" if (self.amount > 0) == higher_is_better else "ongunstig"


class KeyFigure:
    """The latest value of one indicator for one area, against the previous period, the
    province and the Netherlands (for the same period); either may be None, when there is no
    such area, and is then left out."""

    def __init__(self, figures, observation, province, country):
        self.observation = observation
        self.indicator = observation.indicator
        previous = figures.previous(observation)
        self.changes = []
        if previous is not None:
            self.changes.append(self.difference(previous, previous.period_label))
        comparable = self.indicator.compare_areas
        for area in (province, country) if comparable else ():
            if area is None or area == observation.area:
                continue
            other = figures.same_period(observation, area)
            if other is not None:
                self.changes.append(self.difference(other, area.name))

    def difference(self, other, against):
        return Difference(self.observation.value - other.value, self.indicator, against)

    @property
    def value_text(self):
        return value_text(self.observation)


class Chart:
    """One indicator over one kind of period for some areas, the first being the one the page
    is about: drawn as SVG, written as a table and as CSV, all from `rows`."""

    def __init__(self, figures, indicator, kind, areas):
        self.indicator, self.kind = indicator, kind
        self.series = [(area, figures.get(indicator, area, kind)) for area in areas]
        self.series = [(area, points) for area, points in self.series if points]
        starts = sorted({start for _, points in self.series for start in points})
        self.periods = [(start, period_label(kind, start)) for start in starts]
        self.areas = [area for area, _ in self.series]
        self.id = slugify(f"grafiek {self.areas[0].slug} {indicator.slug} {kind}")

    @property
    def is_demo(self):
        return any(item.is_demo for _, points in self.series for item in points.values())

    @property
    def sources(self):
        return list(
            dict.fromkeys(item.source_text for _, points in self.series for item in points.values())
        )

    @property
    def notes(self):
        """(area, period, note) of the figures that carry a note."""
        return [
            (area, item.period_label, item.note)
            for area, points in self.series
            for item in points.values()
            if item.note
        ]

    @property
    def title(self):
        return f"{self.indicator.name} {PER_KIND[self.kind]}, {self.indicator.unit}"

    def text(self, value):
        return format_value(value, self.indicator.decimals)

    @property
    def description(self):
        first, last = self.periods[0][1], self.periods[-1][1]
        span = first if first == last else f"van {first} tot en met {last}"
        parts = []
        for area, points in self.series:
            newest = list(points.values())[-1]
            value = with_unit(self.text(newest.value), self.indicator.unit)
            parts.append(f"{area.name} {value} in {newest.period_label}")
        demo = (
            " Demogegevens: fictieve cijfers om de grafiek te laten zien." if self.is_demo else ""
        )
        latest = "; ".join(parts)
        return (
            f"{self.indicator.name} {PER_KIND[self.kind]}, {span}. Laatste waarden: {latest}.{demo}"
        )

    @property
    def table_rows(self):
        """Per period, each area's value as written ('' where it has none)."""
        return [
            (
                label,
                [
                    self.text(points[start].value) if start in points else ""
                    for _, points in self.series
                ],
            )
            for start, label in self.periods
        ]

    def csv_rows(self):
        rows = [CSV_HEADER]
        for area, points in self.series:
            for item in points.values():
                rows.append(
                    [
                        self.indicator.name,
                        area.name,
                        item.period_label,
                        item.period_start.strftime(CSV_DAY_FORMAT),
                        csv_number(item.value, self.indicator.decimals),
                        self.indicator.unit,
                        item.source_text,
                        item.note,
                        "ja" if item.is_demo else "nee",
                    ]
                )
        return rows

    @cached_property
    def drawing(self):
        series = [
            (area.name, {start: item.value for start, item in points.items()})
            for area, points in self.series
        ]
        return charts.draw(self.periods, series, self.text)

    @property
    def csv_filename(self):
        return f"{self.areas[0].slug}-{self.indicator.slug}-{self.kind}"


@dataclass
class Section:
    """An indicator on an area's page: its latest value and its charts."""

    indicator: object
    key_figure: KeyFigure
    charts: list


class Monitor:
    """The areas and indicators, read once per request: the pages look them up here."""

    def __init__(self):
        # Kept under the content version: every monitor page needs them to route its request.
        self.areas, self.indicators = pagecache.kept(
            "monitor:areas-and-indicators",
            lambda: (list(Area.objects.select_related("region")), list(Indicator.objects.all())),
        )
        kinds = {area.kind: area for area in reversed(self.areas)}
        self.province, self.country = kinds.get(AreaKind.PROVINCE), kinds.get(AreaKind.COUNTRY)

    def area(self, slug):
        found = next((area for area in self.areas if area.slug == slug), None)
        if found is None:
            raise Http404("Dit gebied kennen we niet.")
        return found

    def indicator(self, slug):
        found = next((item for item in self.indicators if item.slug == slug), None)
        if found is None:
            raise Http404("Deze indicator kennen we niet.")
        return found

    def compare_initial(self, area):
        """What the comparison form proposes on `area`'s page: it against its province (the
        province against the Netherlands)."""
        other = self.country if area.is_province else self.province
        return {"regio": area.slug, "met": other.slug if other else ""}

    def comparison_areas(self, area, indicator=None):
        """`area`, then the province and the Netherlands it is compared with (for
        `indicator`, if it compares areas at all)."""
        if indicator is not None and not indicator.compare_areas:
            return [area]
        return [item for item in dict.fromkeys([area, self.province, self.country]) if item]

    def sections(self, figures, area):
        """The indicators `area` has figures of, each with its key figure and charts."""
        found = []
        for indicator in self.indicators:
            latest = figures.latest(indicator, area)
            if latest is None:
                continue
            areas = self.comparison_areas(area, indicator)
            charts = [
                Chart(figures, indicator, kind, areas) for kind in figures.kinds(indicator, area)
            ]
            found.append(Section(indicator, self.key_figure(figures, latest), charts))
        return found

    def key_figure(self, figures, observation):
        return KeyFigure(figures, observation, self.province, self.country)

    def groups(self):
        """The areas by kind, for the page's list of areas."""
        return [
            (label, [area for area in self.areas if area.kind == kind])
            for kind, label in AREA_GROUPS.items()
            if any(area.kind == kind for area in self.areas)
        ]

    def comparison(self, figures, first, second):
        """Per indicator, the latest value of each of two areas (None where it has none)."""
        rows = []
        for indicator in self.indicators:
            pair = [figures.latest(indicator, area) for area in (first, second)]
            if any(pair):
                rows.append(
                    (
                        indicator,
                        [
                            KeyFigure(figures, item, self.province, self.country) if item else None
                            for item in pair
                        ],
                    )
                )
        return rows


AREA_GROUPS = {
    AreaKind.LABOUR_MARKET_REGION: "Arbeidsmarktregio's",
    AreaKind.ECONOMIC_REGION: "Economische regio's",
    AreaKind.PROVINCE: "Provincie",
    AreaKind.COUNTRY: "Heel Nederland",
}
