"""Indicators and areas of the initial content for the tests of figures coming in (upload, CBS,
open data, alerts). A plugin of the suite (tests/conftest.py), so every test module has the
fixture."""

import datetime
from decimal import Decimal

import pytest

from monitor.factories import ObservationFactory
from monitor.models import Area, Indicator, Observation


@pytest.fixture
def figures(db):
    """Unemployment, participation and the labour force; the Netherlands, the province and
    Zaanstreek/Waterland (given its CBS code), all from the initial content."""
    region = Area.objects.get(region__slug="zaanstreek-waterland")
    region.cbs_code = "AM09"
    region.save()
    return {
        "werkloosheid": Indicator.objects.get(slug="werkloosheid"),
        "participatie": Indicator.objects.get(slug="bruto-arbeidsparticipatie"),
        "beroepsbevolking": Indicator.objects.get(slug="potentiele-beroepsbevolking"),
        "nederland": Area.objects.get(slug="nederland"),
        "noord-holland": Area.objects.get(slug="noord-holland"),
        "zaanstreek": region,
    }


def observation(indicator, area, year, value, **fields):
    return ObservationFactory(
        indicator=indicator,
        area=area,
        period_start=datetime.date(year, 1, 1),
        value=Decimal(value),
        **fields,
    )


def saved_figures():
    """Every figure as it is saved, to show that nothing changed."""
    return list(
        Observation.objects.order_by("pk").values_list("pk", "value", "source", "imported_at")
    )
