"""An offline map of Noord-Holland for the campus overview: inline SVG, no tiles, no network.

The outlines of the five labour-market regions (arbeidsmarktregio's) are in ``DATA_FILE``, a
sketch drawn by hand, NOT survey data (see its description): good enough to show in which
region a campus lies, not to measure anything. Texel is the second polygon of Noord-Holland
Noord's MultiPolygon.
"""

import functools
import json
import math
from pathlib import Path
from typing import NamedTuple

WIDTH = 400
HEIGHT = 560
PADDING = 16
LABEL_LINE_HEIGHT = 12


class Bounds(NamedTuple):
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


BOUNDS = Bounds(min_lon=4.45, min_lat=52.15, max_lon=5.35, max_lat=53.20)


# --- Data file ------------------------------------------------------------------------------

DATA_FILE = Path(__file__).resolve().parent / "data" / "noord_holland_regions.geojson"

# The regions drawn, by their Region slugs (initial content, CSS fills), in drawing order;
# region_at() returns the first region that contains a point.
REGION_SLUGS = (
    "noord-holland-noord",
    "zaanstreek-waterland",
    "zuid-kennemerland-en-ijmond",
    "groot-amsterdam",
    "gooi-en-vechtstreek",
)


class MapRegion(NamedTuple):
    slug: str
    name: str
    # Each polygon is an open ring of (lon, lat): GeoJSON's repeated closing point is dropped.
    polygons: tuple[tuple[tuple[float, float], ...], ...]
    # (lon, lat) for the name: hand-picked inside the region but away from the towns with
    # campuses.
    label_position: tuple[float, float]


class MapDataError(ValueError):
    """The map's data file does not describe the regions this module draws."""


@functools.cache
def map_regions():
    """The regions of ``DATA_FILE`` in ``REGION_SLUGS`` order, read and checked once."""
    return read_regions(DATA_FILE)


def read_regions(path):
    """Read and validate a GeoJSON FeatureCollection with one feature per region.

    Each feature has the properties ``slug`` (one of ``REGION_SLUGS``), ``name`` and
    ``label_position`` ([lon, lat]), and a Polygon or MultiPolygon without holes. Raises
    ``MapDataError`` naming the file and the first problem found.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except ValueError as exc:  # also covers bytes that are not UTF-8
        raise MapDataError(f"{path}: not valid JSON: {exc}") from exc
    try:
        return _regions(data)
    except MapDataError as exc:
        raise MapDataError(f"{path}: {exc}") from None


def _regions(data):
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise MapDataError('expected a GeoJSON object with "type": "FeatureCollection"')
    features = data.get("features")
    if not isinstance(features, list):
        raise MapDataError('"features" must be a list')
    by_slug = {}
    for index, feature in enumerate(features):
        region = _region(feature, f"features[{index}]")
        if region.slug in by_slug:
            raise MapDataError(f"features[{index}]: region {region.slug!r} appears twice")
        by_slug[region.slug] = region
    missing = [slug for slug in REGION_SLUGS if slug not in by_slug]
    if missing:
        raise MapDataError(f"no feature for the region(s) {', '.join(missing)}")
    return tuple(by_slug[slug] for slug in REGION_SLUGS)


def _region(feature, where):
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise MapDataError(f'{where}: expected an object with "type": "Feature"')
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise MapDataError(f'{where}: "properties" must be an object')
    slug = properties.get("slug")
    if slug not in REGION_SLUGS:
        raise MapDataError(
            f"{where}: slug {slug!r} is not one of the regions {', '.join(REGION_SLUGS)}"
        )
    where = f"{where} ({slug})"
    name = properties.get("name")
    if not isinstance(name, str) or not name.strip():
        raise MapDataError(f'{where}: "name" must be a non-empty string')
    label_position = _position(properties.get("label_position"), f"{where} label_position")
    return MapRegion(slug, name, _polygons(feature.get("geometry"), where), label_position)


def _polygons(geometry, where):
    if not isinstance(geometry, dict):
        raise MapDataError(f'{where}: "geometry" must be an object')
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        raise MapDataError(f"{where}: geometry must be a Polygon or MultiPolygon, not {kind!r}")
    if kind == "MultiPolygon" and not (isinstance(coordinates, list) and coordinates):
        raise MapDataError(f"{where}: a MultiPolygon needs a non-empty list of polygons")
    polygons = coordinates if kind == "MultiPolygon" else [coordinates]
    return tuple(_outer_ring(rings, f"{where} polygon {n}") for n, rings in enumerate(polygons))


def _outer_ring(rings, where):
    # The drawing and region_at() know only outer rings; a hole would be silently filled in.
    if not isinstance(rings, list) or len(rings) != 1:
        raise MapDataError(f"{where}: must be a list of exactly one ring (holes are not drawn)")
    ring = rings[0]
    if not isinstance(ring, list) or len(ring) < 4:
        raise MapDataError(f"{where}: a ring needs at least 4 positions (3 corners and the first)")
    points = [_position(point, f"{where} position {n}") for n, point in enumerate(ring)]
    if points[0] != points[-1]:
        raise MapDataError(
            f"{where}: ring is not closed, it starts at {list(points[0])} "
            f"but ends at {list(points[-1])}"
        )
    return tuple(points[:-1])


def _position(value, where):
    if not isinstance(value, list) or len(value) != 2:
        raise MapDataError(f"{where}: expected [longitude, latitude], got {value!r}")
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in value):
        raise MapDataError(f"{where}: coordinates must be numbers, got {value!r}")
    lon, lat = (float(n) for n in value)
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise MapDataError(f"{where}: coordinates must be finite, got {value!r}")
    if not in_bounds(lat, lon):
        raise MapDataError(f"{where}: {value!r} lies outside BOUNDS {tuple(BOUNDS)}")
    return lon, lat


# --- Projection -----------------------------------------------------------------------------


def project(lat, lon):
    """Map WGS84 (lat, lon) to (x, y) in the ``0 0 WIDTH HEIGHT`` viewBox, north up.

    Equirectangular: degrees longitude are shortened by cos(mid latitude of BOUNDS), so the
    province keeps its shape; the box is scaled to fit inside the padding and centred.
    """
    x_factor = math.cos(math.radians((BOUNDS.min_lat + BOUNDS.max_lat) / 2))
    lon_span = (BOUNDS.max_lon - BOUNDS.min_lon) * x_factor
    lat_span = BOUNDS.max_lat - BOUNDS.min_lat
    scale = min((WIDTH - 2 * PADDING) / lon_span, (HEIGHT - 2 * PADDING) / lat_span)
    x = (WIDTH - lon_span * scale) / 2 + (float(lon) - BOUNDS.min_lon) * x_factor * scale
    y = (HEIGHT - lat_span * scale) / 2 + (BOUNDS.max_lat - float(lat)) * scale
    return x, y


def in_bounds(lat, lon):
    return BOUNDS.min_lat <= lat <= BOUNDS.max_lat and BOUNDS.min_lon <= lon <= BOUNDS.max_lon


# --- Geometry helpers -----------------------------------------------------------------------


def _point_in_polygon(x, y, polygon):
    """Ray casting (even-odd rule); ``polygon`` is a list of (x, y)."""
    inside = False
    n = len(polygon)
    for i in range(n):
        x1, y1 = polygon[i]
        x2, y2 = polygon[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < x_cross:
                inside = not inside
    return inside


def region_at(lat, lon):
    """The slug of the region whose outline contains (lat, lon), or None outside the province."""
    for region in map_regions():
        if any(_point_in_polygon(lon, lat, polygon) for polygon in region.polygons):
            return region.slug
    return None


def _path_data(region):
    """SVG path data of a region, one sub-path ("M x,y L ... Z") per polygon."""
    return " ".join(
        "M " + " L ".join("{:.1f},{:.1f}".format(*project(lat, lon)) for lon, lat in polygon) + " Z"
        for polygon in region.polygons
    )


def label_lines(name):
    """Split a region name over at most two lines: "Zuid-Kennemerland en IJmond" ->
    ["Zuid-Kennemerland", "en IJmond"], "Zaanstreek/Waterland" -> ["Zaanstreek/", "Waterland"]."""
    name = " ".join(str(name).split())
    if " en " in name:
        head, tail = name.split(" en ", 1)
        if len(head) >= len(tail):
            return [head, f"en {tail}"]
        return [f"{head} en", tail]
    if "/" in name:
        head, tail = name.split("/", 1)
        return [f"{head}/", tail]
    if " " in name:
        return name.rsplit(" ", 1)
    return [name]


def _number(value):
    return None if value is None else float(value)


def map_context(campuses, regions):
    """Context for ``campuses/includes/campus_map.svg.html`` (as the variable ``map``).

    ``campuses``: objects with ``title``, ``url``, ``latitude`` and ``longitude`` (Decimal,
    float or None); only those with coordinates inside BOUNDS get a marker. ``regions``:
    objects with ``slug`` and ``name``; their names label the outlines (unknown slugs are
    ignored, missing ones fall back to the names in the data file).
    """
    names = {region.slug: region.name for region in regions}
    region_items = []
    for region in map_regions():
        label_lon, label_lat = region.label_position
        label_x, label_y = project(label_lat, label_lon)
        name = names.get(region.slug) or region.name
        lines = label_lines(name)
        first_y = label_y - (len(lines) - 1) * LABEL_LINE_HEIGHT / 2
        region_items.append(
            {
                "slug": region.slug,
                "name": name,
                "d": _path_data(region),
                "label_x": round(label_x, 1),
                "label_y": round(label_y, 1),
                "label_lines": [
                    {"text": line, "y": round(first_y + i * LABEL_LINE_HEIGHT, 1)}
                    for i, line in enumerate(lines)
                ],
            }
        )

    markers, unplaced = [], []
    for campus in campuses:
        lat, lon = _number(campus.latitude), _number(campus.longitude)
        if lat is None or lon is None or not in_bounds(lat, lon):
            # Said on the page, so nobody takes the map for the whole list.
            unplaced.append({"title": campus.title, "url": str(campus.url or "")})
            continue
        x, y = project(lat, lon)
        markers.append(
            {
                "title": campus.title,
                "url": str(campus.url or ""),
                "x": round(x, 1),
                "y": round(y, 1),
                "region": region_at(lat, lon),
            }
        )

    return {
        "width": WIDTH,
        "height": HEIGHT,
        "view_box": f"0 0 {WIDTH} {HEIGHT}",
        "regions": region_items,
        "markers": markers,
        "unplaced": unplaced,
    }
