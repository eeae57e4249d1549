"""Indicators and areas for the tests of figures coming in (upload, CBS, open data, alerts),
made here or taken from the initial content when it has them already. A plugin of the suite
(tests/conftest.py), so every test module has the fixture."""

import datetime
from decimal import Decimal

import pytest

from core.models import Region
from monitor.models import Area, AreaKind, Indicator, Observation, PeriodKind


def area(slug, **fields):
    return Area.objects.get_or_create(slug=slug, defaults=fields)[0]


@pytest.fixture
def figures(db):
    """Unemployment, participation and the labour force; the Netherlands, the province and
    Zaanstreek/Waterland, each with its CBS code."""
    unemployment = Indicator.objects.get_or_create(
        slug="werkloosheid",
        defaults={
            "name": "Werkloosheid",
            "unit": "%",
            "definition": "Werkloze beroepsbevolking.",
            "source": "CBS",
        },
    )[0]
    participation = Indicator.objects.get_or_create(
        slug="bruto-arbeidsparticipatie",
        defaults={
            "name": "Bruto arbeidsparticipatie",
            "unit": "%",
            "definition": "Beroepsbevolking als deel van de bevolking.",
            "source": "CBS",
        },
    )[0]
    labour_force = Indicator.objects.get_or_create(
        slug="potentiele-beroepsbevolking",
        defaults={
            "name": "Potentiële beroepsbevolking",
            "unit": "personen",
            "decimals": 0,
            "definition": "Mensen van 15 tot 75 jaar die werken of zouden kunnen werken.",
            "source": "CBS",
        },
    )[0]
    netherlands = area("nederland", name="Nederland", kind=AreaKind.COUNTRY)
    province = area("noord-holland", name="Noord-Holland", kind=AreaKind.PROVINCE)
    zaanstreek = Region.objects.get(slug="zaanstreek-waterland")
    region = Area.objects.get_or_create(
        region=zaanstreek, defaults={"kind": AreaKind.LABOUR_MARKET_REGION}
    )[0]
    for place, code in ((netherlands, "NL01"), (province, "PV27"), (region, "AM09")):
        place.cbs_code = code
        place.save()
    return {
        "werkloosheid": unemployment,
        "participatie": participation,
        "beroepsbevolking": labour_force,
        "nederland": netherlands,
        "noord-holland": province,
        "zaanstreek": region,
    }


def observation(indicator, area, year, value, **fields):
    return Observation.objects.create(
        indicator=indicator,
        area=area,
        period_kind=PeriodKind.YEAR,
        period_start=datetime.date(year, 1, 1),
        value=Decimal(value),
        **fields,
    )


def saved_figures():
    """Every figure as it is saved, to show that nothing changed."""
    return list(
        Observation.objects.order_by("pk").values_list("pk", "value", "source", "imported_at")
    )
