"""Demo figures, flagged is_demo: plausible series for every area, so the charts can be seen
before real figures are imported. Every chart that shows one says "Demogegevens". A period
that has a real figure keeps it: demo figures never replace one."""

import datetime
import random
from decimal import Decimal

from core import pagecache

from .models import Area, AreaKind, Indicator, Observation, PeriodKind

SOURCE = "Demogegevens (fictief)"
FIRST_YEAR, LAST_YEAR = 2019, 2024
# A made-up national course of unemployment per quarter, 2019 K1 onwards: low, a jump in the
# pandemic, a fall in the tight market after it.
UNEMPLOYMENT = [3.5, 3.4, 3.4, 3.2, 3.0, 3.8, 4.5, 4.1, 3.9, 3.5, 3.2, 3.0]
UNEMPLOYMENT += [3.6, 3.4, 3.6, 3.5, 3.6, 3.5, 3.6, 3.6, 3.8, 3.7, 3.8, 3.8]
# A made-up course of demand per quarter, as a share of the level of 2019 K1.
DEMAND = [1.0, 1.02, 1.04, 1.05, 0.98, 0.78, 0.86, 0.92, 1.0, 1.12, 1.24, 1.32]
DEMAND += [1.38, 1.36, 1.34, 1.3, 1.26, 1.22, 1.2, 1.16, 1.12, 1.1, 1.08, 1.06]
# Per kind of area or labour-market region: people of 15 to 75 (2020) and how far its
# unemployment lies from the national course. Invented, in the right order of magnitude.
PROFILES = {
    AreaKind.COUNTRY: (13_900_000, 0.0),
    AreaKind.PROVINCE: (2_210_000, 0.3),
    "noord-holland-noord": (480_000, -0.4),
    "zaanstreek-waterland": (250_000, 0.1),
    "zuid-kennemerland-en-ijmond": (390_000, 0.0),
    "groot-amsterdam": (930_000, 0.6),
    "gooi-en-vechtstreek": (190_000, -0.3),
    "mra": (1_730_000, 0.4),
    "nhn": (480_000, -0.4),
}
DEFAULT_PROFILE = (300_000, 0.0)


def quarters():
    return [
        datetime.date(year, month, 1)
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for month in (1, 4, 7, 10)
    ]


def years():
    return [datetime.date(year, 1, 1) for year in range(FIRST_YEAR - 4, LAST_YEAR + 1)]


def profile(area):
    key = area.slug if area.region_id else (area.economic_region or area.kind)
    return PROFILES.get(key, DEFAULT_PROFILE)


def series_for(area, rng):
    """(indicator slug, kind of period, {start: value}) of the demo series of `area`."""
    size, offset = profile(area)
    spread = lambda width: rng.uniform(-width, width)  # noqa: E731
    starts = quarters()
    unemployment = {
        start: round(base + offset + spread(0.15), 1)
        for start, base in zip(starts, UNEMPLOYMENT, strict=True)
    }
    vacancies = {
        start: round(size * 0.018 * demand * (1 + spread(0.03)))
        for start, demand in zip(starts, DEMAND, strict=True)
    }
    tension = {
        start: round(demand * (1.1 - offset / 2) + spread(0.05), 2)
        for start, demand in zip(starts, DEMAND, strict=True)
    }
    labour_force, participation, untapped, flexible = {}, {}, {}, {}
    for start in years():
        growth = 1 + 0.005 * (start.year - 2020)
        labour_force[start] = round(size * growth * (1 + spread(0.002)), -2)
        participation[start] = round(71.0 - offset + 0.2 * (start.year - 2015) + spread(0.3), 1)
        untapped[start] = round(size * 0.166 * (1 - 0.01 * (start.year - 2020)), -2)
        flexible[start] = round(39 + offset * 2 + spread(1.5))
    return [
        ("werkloosheid", PeriodKind.QUARTER, unemployment),
        ("openstaande-vacatures", PeriodKind.QUARTER, vacancies),
        ("spanningsindicator", PeriodKind.QUARTER, tension),
        ("potentiele-beroepsbevolking", PeriodKind.YEAR, labour_force),
        ("bruto-arbeidsparticipatie", PeriodKind.YEAR, participation),
        ("onbenut-arbeidspotentieel", PeriodKind.YEAR, untapped),
        ("aandeel-flexbanen", PeriodKind.YEAR, flexible),
    ]


def load_demo_observations():
    """Demo series for every area and known indicator, the same numbers on every run."""
    indicators = {item.slug: item for item in Indicator.objects.all()}
    observations = []
    for area in Area.objects.all():
        rng = random.Random(area.slug)
        for slug, kind, values in series_for(area, rng):
            if slug not in indicators:
                continue
            observations += [
                Observation(
                    indicator=indicators[slug],
                    area=area,
                    period_kind=kind,
                    period_start=start,
                    value=Decimal(str(value)),
                    source=SOURCE,
                    is_demo=True,
                )
                for start, value in values.items()
            ]
    # A period with a real figure keeps it (the unique constraint turns the demo one away).
    Observation.objects.bulk_create(observations, ignore_conflicts=True)
    pagecache.bump()  # bulk_create sends no signal that would replace the content version


def remove_demo_observations():
    deleted = Observation.objects.filter(is_demo=True).delete()[1].get(Observation._meta.label, 0)
    return {"demo-cijfers van de arbeidsmarkt": deleted}
