"""The figures of Arbeidsmarkt in cijfers in the open data: JSON and CSV, filtered by area,
indicator, period and moment of change; a demo figure says so."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from api.endpoints import CSV_SEPARATOR
from monitor.models import Indicator, Observation, PeriodKind
from tests.monitor.figures import observation

pytestmark = pytest.mark.django_db


def own_indicator(slug, name, unit):
    return Indicator.objects.create(
        slug=slug, name=name, unit=unit, definition="Alleen voor deze test.", source="Proefbron"
    )


@pytest.fixture
def saved(home_page, figures):
    """Figures of two indicators of the test's own, so filters find exactly these."""
    share = own_indicator("proefcijfer", "Proefcijfer", "%")
    count = own_indicator("proefaantal", "Proefaantal", "personen")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    return [
        observation(share, figures["noord-holland"], 2020, "4.1", imported_at=long_ago),
        observation(share, figures["nederland"], 2020, "3.8", imported_at=long_ago),
        observation(share, figures["noord-holland"], 2021, "3.6"),
        Observation.objects.create(
            indicator=count,
            area=figures["zaanstreek"],
            period_kind=PeriodKind.QUARTER,
            period_start=datetime.date(2021, 7, 1),
            value="71.5",
            is_demo=True,
        ),
    ]


def results(client, query=""):
    response = client.get(reverse("api:list", args=["cijfers"]) + query)
    assert response.status_code == 200, response.content
    return json.loads(response.content)["results"]


def test_a_figure_carries_its_indicator_area_period_source_and_demo_flag(client, saved):
    [item] = results(client, "?indicator=proefaantal")
    assert item["indicator"] == {"slug": "proefaantal", "name": "Proefaantal"}
    assert item["unit"] == "personen"
    assert item["area"] == {"slug": "zaanstreek-waterland", "name": "Zaanstreek/Waterland"}
    assert item["area_kind"] == "arbeidsmarktregio"
    assert (item["period_kind"], item["period_start"], item["period"]) == (
        "kwartaal",
        "2021-07-01",
        "2021 K3",
    )
    assert item["value"] == 71.5
    # The indicator's, as the figure names none.
    assert item["source"] == "Proefbron"
    assert item["demo"] is True
    assert item["updated_at"]


def test_filters_by_area_indicator_period_and_change(client, saved):
    def values(query):
        return sorted(
            (item["area"]["slug"], item["period"], item["value"]) for item in results(client, query)
        )

    assert values("?indicator=proefcijfer&gebied=noord-holland") == [
        ("noord-holland", "2020", 4.1),
        ("noord-holland", "2021", 3.6),
    ]
    assert values("?indicator=proefcijfer&periode=2020") == [
        ("nederland", "2020", 3.8),
        ("noord-holland", "2020", 4.1),
    ]
    assert values("?indicator=proefaantal&periode=2021 K3") == [
        ("zaanstreek-waterland", "2021 K3", 71.5)
    ]
    assert values("?indicator=proefaantal&periode=2021") == []
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert values(f"?indicator=proefcijfer&gewijzigd_sinds={since}") == [
        ("noord-holland", "2021", 3.6)
    ]


@pytest.mark.parametrize(
    "query", ["gebied=atlantis", "indicator=geluk", "periode=2021-13", "soort=x"]
)
def test_unknown_values_are_a_400_in_dutch(client, saved, query):
    response = client.get(reverse("api:list", args=["cijfers"]) + "?" + query)
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["details"]


def test_the_csv_has_the_same_figures_with_decimal_commas(client, saved):
    url = reverse("api:csv", args=["cijfers"]) + "?indicator=proefcijfer&gebied=noord-holland"
    response = client.get(url)
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(response.content.decode()[1:], newline=""), delimiter=CSV_SEPARATOR)
    )
    header = rows[0]
    assert header[:3] == ["id", "indicator", "unit"]
    values = [row[header.index("value")] for row in rows[1:]]
    assert values == ["4,1", "3,6"]
    assert {row[header.index("demo")] for row in rows[1:]} == {"nee"}
