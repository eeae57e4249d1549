"""The monitor's pages against the initial content (with its demo series): every chart an
accessible SVG with a table twin and a CSV of exactly its figures, the comparison, the demo
label, and bad input answered in Dutch."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Region
from monitor.demo import remove_demo_observations
from monitor.models import Area, AreaKind, MonitorPage, Observation, PeriodKind

AGENDA = "Uitvoeringsagenda Arbeidsmarkt & Onderwijs 2021-2023"
REGION, OTHER = "groot-amsterdam", "gooi-en-vechtstreek"


@pytest.fixture
def monitor(home_page):
    return MonitorPage.objects.live().get()


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def area_url(slug):
    return Area.objects.get(slug=slug).get_absolute_url()


def compare_url(monitor):
    return monitor.url + monitor.reverse_subpage("compare")


def table_cells(figure):
    """(area, period, value) of every filled cell of a chart's table twin."""
    table = figure.find("table")
    areas = [cell.get_text(strip=True) for cell in table.thead.find_all("th")[1:]]
    cells = set()
    for row in table.tbody.find_all("tr"):
        period = row.th.get_text(strip=True)
        for area, cell in zip(areas, row.find_all("td"), strict=True):
            if cell.get_text(strip=True) != "–":
                cells.add((area, period, cell.get_text(strip=True)))
    return cells


def test_the_agenda_figures_are_real_observations_with_their_source(monitor):
    real = Observation.objects.filter(is_demo=False).select_related("indicator", "area")
    found = {(item.indicator.slug, item.area.slug, item.period_label): item for item in real}
    assert found["werkloosheid", "noord-holland", "2020 K1"].value == Decimal("3.2")
    assert found["werkloosheid", "noord-holland", "2020 K4"].value == Decimal("4.8")
    assert found["werkloosheid", "noord-holland", "2020"].value == Decimal("4.1")
    assert found["werkloosheid", "nederland", "2020"].value == Decimal("3.8")
    assert found["potentiele-beroepsbevolking", "noord-holland", "2020"].value == 2_210_000
    assert found["onbenut-arbeidspotentieel", "noord-holland", "2020"].value == 367_000
    assert found["aandeel-flexbanen", "noord-holland", "2020"].value == 40
    assert "71-72%" in found["bruto-arbeidsparticipatie", "noord-holland", "2020"].note
    assert all(item.source_text.startswith(AGENDA) for item in real)


def test_every_area_of_the_platform_is_an_area_of_the_monitor(monitor):
    kinds = dict(Area.objects.values_list("slug", "kind"))
    assert kinds["nederland"] == AreaKind.COUNTRY and kinds["noord-holland"] == AreaKind.PROVINCE
    assert list(kinds.values()).count(AreaKind.ECONOMIC_REGION) == 2
    regions = Area.objects.filter(kind=AreaKind.LABOUR_MARKET_REGION)
    assert {area.region.slug for area in regions} == set(
        Region.objects.values_list("slug", flat=True)
    )
    amsterdam = Area.objects.get(slug=REGION)
    assert "Amsterdam" in {item.name for item in amsterdam.municipalities()}
    assert len(Area.objects.get(kind=AreaKind.PROVINCE).municipalities()) == sum(
        len(area.municipalities()) for area in regions
    )


def test_every_chart_is_an_accessible_svg_with_a_table_twin(client, monitor):
    page = html(client.get(area_url(REGION)))
    figures = page.select("figure.chart")
    assert len(figures) >= 7
    for figure in figures:
        svg = figure.find("svg", attrs={"role": "img"})
        title_id, description_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text(strip=True)
        assert "Laatste waarden" in svg.find("desc", id=description_id).get_text()
        assert figure.find("table").caption.get_text(strip=True)
        assert table_cells(figure)
        # Shapes and dashes, not colour alone: every line has its markers and a legend.
        assert figure.select(".chart__legend li")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_bars_are_filled_with_patterns_defined_on_their_page_and_lines_define_none(client, monitor):
    for url in (monitor.url, area_url(REGION)):
        page = html(client.get(url))
        fills = {tag["fill"] for tag in page.select("svg [fill^='url(#']")}
        patterns = {f"url(#{tag['id']})" for tag in page.find_all("pattern")}
        assert fills <= patterns, url
        for svg in page.select("svg.chart__svg"):
            assert bool(svg.find("pattern")) == bool(svg.select(".chart__bar")), url
    # The province's page has a chart of bars (the agenda's yearly figures).
    assert html(client.get(monitor.url)).select(".chart__bar[fill]")


def test_the_csv_holds_exactly_what_the_chart_shows(client, monitor):
    for figure in html(client.get(area_url(REGION))).select("figure.chart")[:3]:
        response = client.get(figure.select_one(".chart__download a")["href"])
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"].startswith("attachment")
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
        # The table writes thousands with a point; the CSV, for Excel, does not group them.
        values = {(row["gebied"], row["periode"], row["waarde"]) for row in rows}
        shown = {
            (area, period, value.replace(".", "")) for area, period, value in table_cells(figure)
        }
        assert values == shown
        assert {row["demogegevens"] for row in rows} <= {"ja", "nee"}


def test_a_chart_of_demo_figures_says_so_and_one_of_real_figures_does_not(client, monitor):
    page = html(client.get(monitor.url))
    demo = page.find(id="grafiek-noord-holland-werkloosheid-kwartaal")
    real = page.find(id="grafiek-noord-holland-werkloosheid-jaar")
    assert "Demogegevens" in demo.figcaption.get_text() and "Demogegevens" in demo.svg.get_text()
    assert "Demogegevens" not in real.get_text()
    assert table_cells(real) == {("Noord-Holland", "2020", "4,1"), ("Nederland", "2020", "3,8")}
    assert AGENDA in real.select_one(".chart__source").get_text()
    assert "Gemiddeld over heel 2020" in real.select_one(".chart__notes").get_text()


def test_removing_the_demo_content_leaves_the_real_figures(client, monitor):
    real = Observation.objects.filter(is_demo=False).count()
    remove_demo_observations()  # what remove_demo_content runs (tests/website/test_demo_content.py)
    assert not Observation.objects.filter(is_demo=True).exists()
    assert Observation.objects.count() == real
    assert not html(client.get(monitor.url)).select(".demo-label, .chart__demo")
    assert "nog geen cijfers" in client.get(area_url(REGION)).content.decode()


def test_a_key_figure_names_its_changes_in_words(client, monitor):
    row = html(client.get(area_url(REGION))).select_one(".monitor-key-figures tbody tr")
    changes = [item.get_text(" ", strip=True) for item in row.select(".monitor-changes li")]
    assert "Werkloosheid" in row.th.get_text()
    assert [text.split(" dan ")[1].split(" (")[0] for text in changes][1:] == [
        "Noord-Holland",
        "Nederland",
    ]
    assert all("procentpunt" in text or text.startswith("gelijk") for text in changes)


def test_counts_are_not_compared_with_larger_areas(client, monitor):
    page = html(client.get(area_url(REGION)))
    chart = page.find(id="grafiek-groot-amsterdam-potentiele-beroepsbevolking-jaar")
    assert {area for area, _, _ in table_cells(chart)} == {"Groot-Amsterdam"}


def test_two_areas_side_by_side(client, monitor):
    response = client.get(compare_url(monitor), {"regio": REGION, "met": OTHER})
    assert response.status_code == 200
    page = html(response)
    assert "Groot-Amsterdam en Gooi en Vechtstreek" in page.h1.get_text()
    header = [cell.get_text(strip=True) for cell in page.select(".monitor-comparison thead th")]
    assert header == ["Indicator", "Groot-Amsterdam", "Gooi en Vechtstreek"]
    columns = page.select(".monitor-column")
    assert [column.h2.get_text(strip=True) for column in columns] == header[1:]
    assert all(column.select("figure.chart svg[role=img]") for column in columns)
    assert page.select_one("select[name=regio] option[selected]")["value"] == REGION


@pytest.mark.parametrize(
    "parameters, message",
    [
        ({"regio": "bestaat-niet", "met": REGION}, "Kies een gebied uit de lijst."),
        ({"regio": REGION}, "Kies een gebied uit de lijst."),
        ({"regio": REGION, "met": REGION}, "Kies twee verschillende gebieden"),
        ({"regio": "a\x00b", "met": "x" * 5000}, "Kies een gebied uit de lijst."),
    ],
)
def test_bad_comparison_parameters_are_answered_in_dutch(client, monitor, parameters, message):
    response = client.get(compare_url(monitor), parameters)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_comparison_form_works_without_parameters(client, monitor):
    response = client.get(compare_url(monitor))
    assert response.status_code == 200
    assert html(response).select("form select[name=met] option")


@pytest.mark.parametrize(
    "path", ["bestaat-niet/", "indicator/bestaat-niet/", f"{REGION}/werkloosheid/decennium/csv/"]
)
def test_unknown_areas_indicators_and_charts_are_not_found(client, monitor, path):
    assert client.get(monitor.url + path).status_code == 404


def test_the_province_is_the_page_itself(client, monitor):
    response = client.get(monitor.url + "noord-holland/")
    assert response.status_code == 301 and response["Location"] == monitor.url
    assert Area.objects.get(kind=AreaKind.PROVINCE).get_absolute_url() == monitor.url


def test_an_indicator_page_lists_the_latest_value_per_area(client, monitor):
    response = client.get(monitor.url + monitor.reverse_subpage("indicator", args=["werkloosheid"]))
    page = html(response)
    assert page.h1.get_text(strip=True) == "Werkloosheid"
    areas = {row.th.get_text(strip=True) for row in page.select("table tbody tr")}
    assert {"Noord-Holland", "Nederland", "Groot-Amsterdam"} <= areas
    assert page.select("figure.chart svg[role=img]")


def test_the_pages_are_in_the_sitemap(client, monitor):
    sitemap = client.get(reverse("sitemap")).content.decode()
    for path in (monitor.url, area_url(REGION), area_url("nederland")):
        assert f"{path}</loc>" in sitemap


def test_site_search_finds_indicators_and_areas(client, monitor):
    response = client.get(reverse("search"), {"q": "werkloosheid"})
    assert monitor.url + "indicator/werkloosheid/" in response.content.decode()
    response = client.get(reverse("search"), {"q": "Gooi"})
    assert area_url(OTHER) in response.content.decode()


def test_the_comparison_is_cached_like_other_pages(client, monitor, page_cache):
    url = compare_url(monitor)
    assert client.get(url, {"regio": REGION, "met": OTHER})["X-Page-Cache"] == "miss"
    assert client.get(url, {"met": OTHER, "regio": REGION})["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get(url, {"regio": REGION, "met": OTHER, "x": "1"})
    assert client.get(area_url(REGION))["X-Page-Cache"] == "miss"


def test_an_observation_starts_where_its_period_starts(monitor):
    item = Observation.objects.filter(period_kind=PeriodKind.QUARTER).first()
    item.period_start = datetime.date(2020, 2, 1)
    with pytest.raises(ValidationError, match="eerste dag"):
        item.full_clean()


def test_an_area_follows_the_name_of_its_region(monitor):
    region = Region.objects.get(slug=OTHER)
    region.name = "Gooi- en Vechtstreek"
    region.save()
    assert Area.objects.get(region=region).name == "Gooi- en Vechtstreek"


@pytest.mark.parametrize(
    "slug, proposed", [(REGION, "noord-holland"), ("noord-holland", "nederland")]
)
def test_the_form_proposes_the_larger_area_to_compare_with(client, monitor, slug, proposed):
    form = html(client.get(area_url(slug))).select_one(".monitor-compare-form")
    assert form.select_one("select[name=regio] option[selected]")["value"] == slug
    assert form.select_one("select[name=met] option[selected]")["value"] == proposed


def test_the_pages_do_without_a_province(client, monitor):
    """The admin refuses to delete it (test_admin.py), but without one the other pages still
    show their figures, compared with the Netherlands only."""
    Area.objects.filter(kind=AreaKind.PROVINCE).delete()
    for url in (
        monitor.url,
        area_url(REGION),
        area_url("nederland"),
        monitor.url + monitor.reverse_subpage("indicator", args=["werkloosheid"]),
    ):
        assert client.get(url).status_code == 200, url
    comparison = client.get(compare_url(monitor), {"regio": REGION, "met": OTHER})
    assert comparison.status_code == 200
    row = html(client.get(area_url(REGION))).select_one(".monitor-key-figures tbody tr")
    changes = [item.get_text(" ", strip=True) for item in row.select(".monitor-changes li")]
    assert any(" dan Nederland" in text for text in changes)
    assert not any("Noord-Holland" in text for text in changes)
