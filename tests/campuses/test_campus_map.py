import json
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from campuses.campus_map import (
    BOUNDS,
    HEIGHT,
    PADDING,
    REGION_SLUGS,
    WIDTH,
    MapDataError,
    in_bounds,
    label_lines,
    map_context,
    map_regions,
    project,
    read_regions,
    region_at,
)

SLUGS = {
    "noord-holland-noord",
    "zaanstreek-waterland",
    "zuid-kennemerland-en-ijmond",
    "groot-amsterdam",
    "gooi-en-vechtstreek",
}
NUMBER = r"-?\d+(?:\.\d)?"
SUBPATH = rf"M {NUMBER},{NUMBER}(?: L {NUMBER},{NUMBER})+ Z"
PATH_RE = re.compile(rf"^{SUBPATH}(?: {SUBPATH})*$")


def campus(title, lat, lon, url="/campussen/x/", economic_region="mra"):
    return SimpleNamespace(
        title=title, url=url, latitude=lat, longitude=lon, economic_region=economic_region
    )


def region(slug, name):
    return SimpleNamespace(slug=slug, name=name)


# --- The data file -------------------------------------------------------------------------


def test_the_data_file_has_every_region_once_with_counterclockwise_outer_rings():
    regions = map_regions()
    assert [region.slug for region in regions] == list(REGION_SLUGS)
    assert set(REGION_SLUGS) == SLUGS
    for region in regions:
        for polygon in region.polygons:
            # RFC 7946 3.1.6, the right-hand rule: a positive shoelace sum in (lon, lat).
            edges = zip(polygon, polygon[1:] + polygon[:1], strict=True)
            assert sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in edges) > 0, region.slug


def square(lon, lat):
    """A closed ring of 0.01 degrees a side, counterclockwise from the south-west corner."""
    east, north = round(lon + 0.01, 3), round(lat + 0.01, 3)
    return [[lon, lat], [east, lat], [east, north], [lon, north], [lon, lat]]


def small_collection():
    """A valid file in miniature: one small square per region."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "slug": slug,
                    "name": slug.title(),
                    "label_position": [lon + 0.005, 52.405],
                },
                "geometry": {"type": "Polygon", "coordinates": [square(lon, 52.4)]},
            }
            for lon, slug in zip((4.6, 4.7, 4.8, 4.9, 5.0), REGION_SLUGS, strict=True)
        ],
    }


def write(tmp_path, data):
    path = tmp_path / "regions.geojson"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_read_regions_returns_open_rings_in_region_order(tmp_path):
    data = small_collection()
    data["features"].reverse()
    noord_holland_noord = data["features"][-1]
    noord_holland_noord["properties"]["label_position"] = [4.605, 52.405]
    noord_holland_noord["geometry"] = {
        "type": "MultiPolygon",
        "coordinates": [[square(4.6, 52.4)], [square(4.7, 53.1)]],
    }
    regions = read_regions(write(tmp_path, data))
    assert [region.slug for region in regions] == list(REGION_SLUGS)
    assert regions[0].polygons == (
        ((4.6, 52.4), (4.61, 52.4), (4.61, 52.41), (4.6, 52.41)),
        ((4.7, 53.1), (4.71, 53.1), (4.71, 53.11), (4.7, 53.11)),
    )
    assert regions[0].label_position == (4.605, 52.405)
    assert regions[1].label_position == (4.705, 52.405)
    assert regions[1].name == "Zaanstreek-Waterland"


def first_feature(data):
    return data["features"][0]


def first_ring(data):
    return first_feature(data)["geometry"]["coordinates"][0]


def set_first_point(data, point):
    first_ring(data)[0] = point


@pytest.mark.parametrize(
    "break_it,message",
    [
        (lambda data: data.update(type="Feature"), '"type": "FeatureCollection"'),
        (lambda data: data.update(features={}), '"features" must be a list'),
        (
            lambda data: data["features"].pop(),
            r"no feature for the region\(s\) gooi-en-vechtstreek",
        ),
        (
            lambda data: data["features"].append(first_feature(data)),
            r"features\[5\]: region 'noord-holland-noord' appears twice",
        ),
        (
            lambda data: first_feature(data)["properties"].update(slug="noord-holland"),
            r"features\[0\]: slug 'noord-holland' is not one of the regions",
        ),
        (
            lambda data: first_feature(data)["properties"].pop("name"),
            r'features\[0\] \(noord-holland-noord\): "name" must be a non-empty string',
        ),
        (lambda data: first_feature(data).update(type="Point"), '"type": "Feature"'),
        (
            lambda data: first_feature(data)["geometry"].update(type="LineString"),
            "must be a Polygon or MultiPolygon, not 'LineString'",
        ),
        (
            lambda data: first_feature(data)["geometry"]["coordinates"].append(first_ring(data)),
            "holes are not drawn",
        ),
        (lambda data: first_ring(data).pop(), "ring is not closed"),
        (
            lambda data: first_feature(data)["geometry"].update(
                coordinates=[[[4.6, 52.4], [4.61, 52.4], [4.6, 52.4]]]
            ),
            "at least 4 positions",
        ),
        (lambda data: set_first_point(data, [52.4, 4.6]), r"lies outside BOUNDS"),
        (lambda data: set_first_point(data, [4.6, 52.4, 0]), r"expected \[longitude, latitude\]"),
        (lambda data: set_first_point(data, ["4.6", 52.4]), "coordinates must be numbers"),
        (lambda data: set_first_point(data, [float("nan"), 52.4]), "must be finite"),
        (
            lambda data: first_feature(data)["properties"].update(label_position=[5.4, 52.4]),
            r"label_position: \[5.4, 52.4\] lies outside BOUNDS",
        ),
        (
            lambda data: first_feature(data)["properties"].pop("label_position"),
            r"label_position: expected \[longitude, latitude\], got None",
        ),
    ],
)
def test_read_regions_names_the_file_and_the_problem(tmp_path, break_it, message):
    data = small_collection()
    break_it(data)
    path = write(tmp_path, data)
    with pytest.raises(MapDataError, match=message) as raised:
        read_regions(path)
    assert str(raised.value).startswith(f"{path}: ")


def test_read_regions_rejects_a_file_that_is_not_json(tmp_path):
    with pytest.raises(MapDataError, match="not valid JSON"):
        read_regions(write(tmp_path, '{"type": "FeatureCollection", "features": ['))


# --- project() ------------------------------------------------------------------------------


def test_north_is_up_and_west_is_left():
    _, y_south = project(52.3, 4.9)
    _, y_north = project(52.9, 4.9)
    assert y_north < y_south
    x_west, _ = project(52.5, 4.6)
    x_east, _ = project(52.5, 5.2)
    assert x_west < x_east


def test_corners_of_the_bounds_fall_inside_the_viewbox():
    for lat in (BOUNDS.min_lat, BOUNDS.max_lat):
        for lon in (BOUNDS.min_lon, BOUNDS.max_lon):
            x, y = project(lat, lon)
            assert PADDING - 1e-9 <= x <= WIDTH - PADDING + 1e-9
            assert PADDING - 1e-9 <= y <= HEIGHT - PADDING + 1e-9


def test_projection_keeps_the_shape_with_a_cosine_correction():
    # 0.1 degree of longitude at ~52.7 N is about 0.6 of 0.1 degree of latitude.
    x1, y1 = project(52.7, 4.8)
    x2, _ = project(52.7, 4.9)
    _, y2 = project(52.6, 4.8)
    assert (x2 - x1) / (y2 - y1) == pytest.approx(0.607, abs=0.01)


def test_project_accepts_decimals():
    assert project(Decimal("52.37"), Decimal("4.90")) == pytest.approx(project(52.37, 4.90))


# --- region outlines ------------------------------------------------------------------------


def region_paths():
    return map_context([], [])["regions"]


def test_region_paths_has_five_valid_paths():
    paths = region_paths()
    assert {path["slug"] for path in paths} == SLUGS
    assert len(paths) == 5
    for path in paths:
        assert PATH_RE.match(path["d"]), path["d"][:80]
        numbers = [float(n) for n in re.findall(NUMBER, path["d"])]
        assert all(0 <= n <= 560 for n in numbers)


def test_texel_is_a_second_subpath_of_noord_holland_noord():
    paths = {path["slug"]: path["d"] for path in region_paths()}
    assert paths["noord-holland-noord"].count("M ") == 2
    assert paths["groot-amsterdam"].count("M ") == 1
    assert region_at(53.05, 4.80) == "noord-holland-noord"


def test_outline_stays_within_bounds():
    for region in map_regions():
        for polygon in region.polygons:
            assert 10 <= len(polygon) <= 40
            assert all(in_bounds(lat, lon) for lon, lat in polygon)


# --- region_at() ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "place,lat,lon,slug",
    [
        ("Den Helder", 52.96, 4.76, "noord-holland-noord"),
        ("Alkmaar", 52.63, 4.75, "noord-holland-noord"),
        ("Heerhugowaard", 52.67, 4.83, "noord-holland-noord"),
        ("Hoorn", 52.64, 5.05, "noord-holland-noord"),
        ("Enkhuizen", 52.70, 5.28, "noord-holland-noord"),
        ("Zaandam", 52.44, 4.83, "zaanstreek-waterland"),
        ("Purmerend", 52.50, 4.95, "zaanstreek-waterland"),
        ("Volendam", 52.50, 5.06, "zaanstreek-waterland"),
        ("Haarlem", 52.38, 4.64, "zuid-kennemerland-en-ijmond"),
        ("IJmuiden", 52.46, 4.62, "zuid-kennemerland-en-ijmond"),
        ("Beverwijk", 52.48, 4.66, "zuid-kennemerland-en-ijmond"),
        ("Zandvoort", 52.37, 4.53, "zuid-kennemerland-en-ijmond"),
        ("Amsterdam", 52.37, 4.90, "groot-amsterdam"),
        ("Hoofddorp", 52.30, 4.69, "groot-amsterdam"),
        ("Amstelveen", 52.30, 4.86, "groot-amsterdam"),
        ("Aalsmeer", 52.26, 4.76, "groot-amsterdam"),
        ("Hilversum", 52.22, 5.18, "gooi-en-vechtstreek"),
        ("Huizen", 52.30, 5.24, "gooi-en-vechtstreek"),
        ("Weesp", 52.31, 5.04, "gooi-en-vechtstreek"),
        ("Utrecht", 52.09, 5.12, None),
        ("Leiden", 52.16, 4.49, None),
        ("Lelystad", 52.52, 5.47, None),
        ("North Sea off Egmond", 52.62, 4.50, None),
        ("IJsselmeer", 52.80, 5.30, None),
    ],
)
def test_region_at(place, lat, lon, slug):
    assert region_at(lat, lon) == slug, place


def test_regions_do_not_overlap():
    """Sample a grid: no point belongs to two regions (region_at returns the first match)."""
    from campuses.campus_map import _point_in_polygon

    for i in range(60):
        for j in range(60):
            lon = BOUNDS.min_lon + (BOUNDS.max_lon - BOUNDS.min_lon) * (i + 0.5) / 60
            lat = BOUNDS.min_lat + (BOUNDS.max_lat - BOUNDS.min_lat) * (j + 0.5) / 60
            hits = [
                region.slug
                for region in map_regions()
                if any(_point_in_polygon(lon, lat, polygon) for polygon in region.polygons)
            ]
            assert len(hits) <= 1, (lat, lon, hits)


# --- map_context() --------------------------------------------------------------------------


def test_map_context_places_only_campuses_with_coordinates_inside_the_bounds():
    campuses = [
        campus("VTi", Decimal("52.3731"), Decimal("4.8925"), url="/campussen/vti/"),
        campus("Zonder locatie", None, None),
        campus("Half", Decimal("52.5"), None),
        campus("Utrecht", 52.09, 5.12),
        campus("Parijs", 48.85, 2.35),
        campus("Mediacampus", 52.2241, 5.1757, url="/campussen/mediacampus/"),
    ]
    context = map_context(campuses, [])
    assert [marker["title"] for marker in context["markers"]] == ["VTi", "Mediacampus"]
    assert [item["title"] for item in context["unplaced"]] == [
        "Zonder locatie",
        "Half",
        "Utrecht",
        "Parijs",
    ]
    vti = context["markers"][0]
    assert vti["url"] == "/campussen/vti/"
    assert vti["region"] == "groot-amsterdam"
    x, y = project(52.3731, 4.8925)
    assert (vti["x"], vti["y"]) == (round(x, 1), round(y, 1))
    assert context["view_box"] == "0 0 400 560"
    assert (context["width"], context["height"]) == (400, 560)


def test_map_context_regions_use_the_given_names_and_have_labels_inside():
    regions = [
        region("groot-amsterdam", "Groot-Amsterdam"),
        region("zuid-kennemerland-en-ijmond", "Zuid-Kennemerland en IJmond"),
        region("onbekend", "Wordt genegeerd"),
    ]
    context = map_context([], regions)
    by_slug = {item["slug"]: item for item in context["regions"]}
    assert set(by_slug) == SLUGS
    assert by_slug["groot-amsterdam"]["name"] == "Groot-Amsterdam"
    # Regions missing from the database fall back to their usual names.
    assert by_slug["gooi-en-vechtstreek"]["name"] == "Gooi en Vechtstreek"
    assert [line["text"] for line in by_slug["zuid-kennemerland-en-ijmond"]["label_lines"]] == [
        "Zuid-Kennemerland",
        "en IJmond",
    ]
    for slug, item in by_slug.items():
        assert PATH_RE.match(item["d"])
        assert_label_inside(item["label_x"], item["label_y"], slug)


def assert_label_inside(x, y, slug):
    """Invert project() on the label point and check it lies in its own region."""
    x0, y0 = project(BOUNDS.max_lat, BOUNDS.min_lon)
    x1, y1 = project(BOUNDS.min_lat, BOUNDS.max_lon)
    lon = BOUNDS.min_lon + (x - x0) / (x1 - x0) * (BOUNDS.max_lon - BOUNDS.min_lon)
    lat = BOUNDS.max_lat - (y - y0) / (y1 - y0) * (BOUNDS.max_lat - BOUNDS.min_lat)
    assert region_at(lat, lon) == slug, (slug, lat, lon)


@pytest.mark.parametrize(
    "name,lines",
    [
        ("Noord-Holland Noord", ["Noord-Holland", "Noord"]),
        ("Zaanstreek/Waterland", ["Zaanstreek/", "Waterland"]),
        ("Gooi en Vechtstreek", ["Gooi en", "Vechtstreek"]),
        ("Groot-Amsterdam", ["Groot-Amsterdam"]),
    ],
)
def test_label_lines(name, lines):
    assert label_lines(name) == lines


# --- template -------------------------------------------------------------------------------


def render(campuses, regions=()):
    with translation.override("nl"):
        return render_to_string(
            "campuses/includes/campus_map.svg.html", {"map": map_context(campuses, regions)}
        )


def test_template_renders_an_accessible_svg_with_linked_markers():
    html = render(
        [
            campus("Techport", 52.458, 4.62, url="/campussen/techport/"),
            campus("3D Makers Zone & co", 52.3812, 4.6366, url="/campussen/3d-makers-zone/"),
            campus("Zonder locatie", None, None, url="/campussen/zonder/"),
        ],
        [region("groot-amsterdam", "Groot-Amsterdam")],
    )
    assert '<figure class="campus-map">' in html
    assert 'role="group" aria-labelledby="kaart-titel" aria-describedby="kaart-uitleg"' in html
    assert 'viewBox="0 0 400 560"' in html
    assert (
        '<title id="kaart-titel">Kaart van Noord-Holland met de technische campussen</title>'
    ) in html
    assert '<desc id="kaart-uitleg">' in html
    assert html.count('class="campus-map__region campus-map__region--') == 5
    assert 'campus-map__region--groot-amsterdam" d="M ' in html
    assert html.count('<text class="campus-map__label"') == 5

    links = re.findall(r'<a href="([^"]*)" class="campus-map__marker" aria-label="([^"]*)">', html)
    assert links == [
        ("/campussen/techport/", "Techport"),
        ("/campussen/3d-makers-zone/", "3D Makers Zone &amp; co"),
    ]
    assert "<title>Techport</title>" in html
    assert "/campussen/zonder/" not in html
    assert "<figcaption" in html and "ook in een lijst" in html
    assert "niet op de kaart: Zonder locatie.</figcaption>" in html


def test_template_numbers_use_a_decimal_point_under_the_dutch_locale():
    html = render([campus("VTi", 52.3731, 4.8925)])
    circle = re.search(r'<circle class="campus-map__dot" cx="([^"]+)" cy="([^"]+)"', html)
    assert circle and re.fullmatch(r"\d+\.\d", circle.group(1)), circle
    label = re.search(r'<text class="campus-map__label" x="([^"]+)" y="([^"]+)"', html)
    assert "," not in label.group(1) + label.group(2)
    for d in re.findall(r' d="([^"]+)"', html):
        assert PATH_RE.match(d)


def test_template_without_markers_has_no_links():
    html = render([])
    assert "<a " not in html
    assert html.count("<path ") == 5


# --- CSS ------------------------------------------------------------------------------------


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b):
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_css_markers_and_borders_contrast_3_to_1_with_every_region_fill():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    section = css[css.index("/* Campus map */") :]
    fill_re = r"\.campus-map__region--([a-z-]+) \{ fill: (#[0-9a-f]{6}); \}"
    fills = dict(re.findall(fill_re, section))
    assert set(fills) == SLUGS
    dot = re.search(r"\.campus-map__dot \{ fill: (#[0-9a-f]{6});", section).group(1)
    border = re.search(r"\.campus-map__region \{ stroke: (#[0-9a-f]{6});", section).group(1)
    for slug, fill in fills.items():
        assert _contrast(dot, fill) >= 3, slug
        assert _contrast(border, fill) >= 3, slug
    assert _contrast(border, "#ffffff") >= 3
    assert ".campus-map__marker:focus-visible circle" in section
