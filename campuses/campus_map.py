"""An offline map of Noord-Holland for the campus overview: inline SVG, no tiles, no network.

The outline below is a simplified sketch of the province, drawn by hand for this site from
general geographic knowledge. It is NOT survey or cadastral data: coastlines and borders are
only roughly right (within a few kilometres), good enough to show in which labour-market
region (arbeidsmarktregio) a campus lies, not to measure anything.

It covers about lon 4.45-5.35 E and lat 52.15-53.20 N (WGS84), see ``BOUNDS``. The five regions
share their border points (the ``_*`` node lists below), so they tile the province without
gaps or overlaps. Texel is a separate polygon of Noord-Holland Noord.

Public API:

* ``BOUNDS`` - the covered box, as ``Bounds(min_lon, min_lat, max_lon, max_lat)``.
* ``project(lat, lon, ...)`` - WGS84 to SVG viewBox coordinates (north up).
* ``region_paths()`` - SVG path data per region.
* ``region_at(lat, lon)`` - slug of the region containing a point, or ``None``.
* ``map_context(campuses, regions)`` - everything the ``campus_map.svg.html`` include needs.
"""

import functools
import json
import math
from pathlib import Path
from typing import NamedTuple

WIDTH = 400
HEIGHT = 560
PADDING = 16


class Bounds(NamedTuple):
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


BOUNDS = Bounds(min_lon=4.45, min_lat=52.15, max_lon=5.35, max_lat=53.20)


# --- Data file ------------------------------------------------------------------------------

DATA_FILE = Path(__file__).resolve().parent / "data" / "noord_holland_regions.geojson"

# The regions the site knows (Region slugs, CSS fills), in drawing order; region_at() returns
# the first region containing a point, so the order also settles points on a shared border.
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
    label_position: tuple[float, float] | None


class MapDataError(ValueError):
    """The map's data file does not describe the regions this module draws."""


@functools.cache
def map_regions():
    """The regions of ``DATA_FILE`` in ``REGION_SLUGS`` order, read and checked once."""
    return read_regions(DATA_FILE)


def read_regions(path):
    """Read and validate a GeoJSON FeatureCollection with one feature per region.

    Each feature has the properties ``slug`` (one of ``REGION_SLUGS``), ``name`` and optionally
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
    label_position = properties.get("label_position")
    if label_position is not None:
        label_position = _position(label_position, f"{where} label_position")
    return MapRegion(slug, name, _polygons(feature.get("geometry"), where), label_position)


def _polygons(geometry, where):
    if not isinstance(geometry, dict):
        raise MapDataError(f'{where}: "geometry" must be an object')
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list) and coordinates:
        polygons = coordinates
    elif kind == "MultiPolygon":
        raise MapDataError(f"{where}: a MultiPolygon needs a non-empty list of polygons")
    else:
        raise MapDataError(f"{where}: geometry must be a Polygon or MultiPolygon, not {kind!r}")
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


# --- Hand-drawn outline, as (longitude, latitude) -------------------------------------------
# Shared border pieces are defined once and reused (reversed where needed), so that
# neighbouring regions meet exactly. Junctions are the first/last points of the pieces.

_J_ZKI_GA_SOUTH = (4.595, 52.305)  # Bennebroek / Haarlemmermeer / Zuid-Holland
_J_ZKI_GA_ZW = (4.730, 52.430)  # Noordzeekanaal near Buitenhuizen
_J_ZKI_ZW_NHN = (4.750, 52.540)  # Uitgeest / Akersloot / Krommenie
_C_ZKI_NHN = (4.605, 52.535)  # coast between Heemskerk and Castricum
_C_ZW_NHN = (5.035, 52.590)  # Markermeer coast near Schardam
_C_ZW_GA = (5.035, 52.405)  # IJmeer coast between Uitdam and Durgerdam
_C_GA_GV = (5.040, 52.335)  # IJmeer coast between IJburg and Muiden
_J_GA_GV_SOUTH = (5.015, 52.285)  # Driemond / Weesp / Abcoude (Utrecht)

# North Sea coast, Zandvoort to Heemskerk (south to north).
_COAST_ZKI = [
    (4.490, 52.310),  # coast border with Zuid-Holland (Langevelderslag)
    (4.505, 52.340),
    (4.525, 52.375),  # Zandvoort
    (4.545, 52.420),
    (4.560, 52.460),  # IJmuiden
    (4.585, 52.495),  # Wijk aan Zee
    _C_ZKI_NHN,
]
# Province border south of Zuid-Kennemerland (east to west).
_SOUTH_ZKI = [_J_ZKI_GA_SOUTH, (4.560, 52.312), (4.520, 52.308), (4.490, 52.310)]
# Zuid-Kennemerland en IJmond / Groot-Amsterdam, along the Haarlemmermeer ring canal (S to N).
_ZKI_GA = [
    _J_ZKI_GA_SOUTH,
    (4.625, 52.335),  # Cruquius
    (4.655, 52.350),  # Vijfhuizen
    (4.690, 52.370),
    (4.720, 52.395),  # Spaarnwoude
    _J_ZKI_GA_ZW,
]
# Zuid-Kennemerland en IJmond / Zaanstreek-Waterland (S to N).
_ZKI_ZW = [_J_ZKI_GA_ZW, (4.715, 52.470), (4.722, 52.510), _J_ZKI_ZW_NHN]
# Zuid-Kennemerland en IJmond / Noord-Holland Noord (E to W), Uitgeest-Heemskerk vs Castricum.
_ZKI_NHN = [_J_ZKI_ZW_NHN, (4.700, 52.552), (4.660, 52.535), _C_ZKI_NHN]
# Zaanstreek-Waterland / Noord-Holland Noord (W to E), north of Wormerland and Beemster.
_ZW_NHN = [
    _J_ZKI_ZW_NHN,
    (4.800, 52.548),
    (4.850, 52.568),
    (4.900, 52.590),
    (4.960, 52.602),
    (5.000, 52.596),
    _C_ZW_NHN,
]
# Markermeer coast of Zaanstreek-Waterland (N to S): Edam, Volendam, Marken, Uitdam.
_COAST_ZW = [
    _C_ZW_NHN,
    (5.050, 52.550),
    (5.055, 52.515),  # Edam
    (5.075, 52.495),  # Volendam
    (5.085, 52.470),
    (5.125, 52.462),  # Marken
    (5.110, 52.445),
    (5.075, 52.430),  # Uitdam
    _C_ZW_GA,
]
# Zaanstreek-Waterland / Groot-Amsterdam (W to E): Noordzeekanaal, north edge of Amsterdam-Noord.
_ZW_GA = [
    _J_ZKI_GA_ZW,
    (4.800, 52.422),
    (4.860, 52.418),
    (4.900, 52.425),
    (4.950, 52.420),
    (4.995, 52.415),
    _C_ZW_GA,
]
# IJmeer coast of Groot-Amsterdam (N to S): Durgerdam, IJburg.
_COAST_GA = [_C_ZW_GA, (5.010, 52.382), (5.028, 52.358), _C_GA_GV]
# Groot-Amsterdam / Gooi en Vechtstreek (N to S): Diemen/Driemond vs Muiden/Weesp.
_GA_GV = [_C_GA_GV, (5.012, 52.310), _J_GA_GV_SOUTH]
# Province border south of Groot-Amsterdam (E to W): Ouder-Amstel, Amstelveen, Uithoorn,
# Aalsmeer, Haarlemmermeer, then up the ring canal to Bennebroek.
_SOUTH_GA = [
    _J_GA_GV_SOUTH,
    (4.970, 52.275),
    (4.900, 52.255),
    (4.845, 52.225),
    (4.780, 52.212),
    (4.720, 52.218),
    (4.650, 52.212),
    (4.600, 52.208),
    (4.558, 52.225),
    (4.572, 52.265),
    _J_ZKI_GA_SOUTH,
]
# Gooimeer/Eemmeer coast and the border with Utrecht around Gooi en Vechtstreek (clockwise).
_OUTER_GV = [
    _C_GA_GV,
    (5.070, 52.332),  # Muiden
    (5.120, 52.338),  # Muiderberg
    (5.160, 52.312),  # Naarden
    (5.200, 52.322),
    (5.245, 52.312),  # Huizen
    (5.282, 52.290),  # Blaricum
    (5.268, 52.245),  # Laren / Eemnes
    (5.245, 52.200),  # Hilversum east
    (5.200, 52.165),  # Hilversum south
    (5.100, 52.168),  # Loosdrecht
    (5.028, 52.190),
    (5.030, 52.240),  # Nederhorst den Berg
    (5.028, 52.268),
    _J_GA_GV_SOUTH,
]
# Coast of Noord-Holland Noord, from Castricum round the Kop to Hoorn and Schardam.
_COAST_NHN = [
    _C_ZKI_NHN,
    (4.615, 52.560),  # Castricum aan Zee
    (4.625, 52.620),  # Egmond aan Zee
    (4.632, 52.660),  # Bergen aan Zee
    (4.655, 52.770),  # Petten
    (4.690, 52.840),  # Callantsoog
    (4.710, 52.900),  # Julianadorp
    (4.715, 52.958),  # Huisduinen
    (4.745, 52.975),
    (4.790, 52.968),  # Den Helder harbour
    (4.810, 52.935),
    (4.880, 52.900),  # Balgzand
    (4.940, 52.925),
    (5.040, 52.940),  # Den Oever
    (5.133, 52.838),  # Wieringermeer, gemaal Lely
    (5.110, 52.770),  # Medemblik
    (5.220, 52.750),  # Andijk
    (5.300, 52.705),  # Enkhuizen
    (5.230, 52.668),
    (5.140, 52.650),
    (5.065, 52.635),  # Hoorn
    (5.035, 52.615),  # Scharwoude
    _C_ZW_NHN,
]
_TEXEL = [
    (4.780, 52.995),
    (4.725, 53.020),
    (4.710, 53.060),
    (4.735, 53.110),
    (4.790, 53.150),
    (4.850, 53.185),
    (4.905, 53.165),
    (4.895, 53.120),
    (4.880, 53.070),
    (4.845, 53.030),
    (4.810, 53.000),
]


def _ring(*pieces):
    """Join border pieces into one closed ring, dropping the repeated junction points."""
    points = []
    for piece in pieces:
        for point in piece:
            if not points or points[-1] != point:
                points.append(point)
    if points[0] == points[-1]:
        points.pop()
    return points


def _rev(piece):
    return list(reversed(piece))


# slug -> list of polygons (each a list of (lon, lat)); the first polygon is the main one.
REGION_OUTLINES = {
    "noord-holland-noord": [
        _ring(_COAST_NHN, _rev(_ZW_NHN), _ZKI_NHN),
        _TEXEL,
    ],
    "zaanstreek-waterland": [
        _ring(_ZKI_ZW, _ZW_NHN, _COAST_ZW, _rev(_ZW_GA)),
    ],
    "zuid-kennemerland-en-ijmond": [
        _ring(_COAST_ZKI, _rev(_ZKI_NHN), _rev(_ZKI_ZW), _rev(_ZKI_GA), _SOUTH_ZKI),
    ],
    "groot-amsterdam": [
        _ring(_ZW_GA, _COAST_GA, _GA_GV, _SOUTH_GA, _ZKI_GA),
    ],
    "gooi-en-vechtstreek": [
        _ring(_OUTER_GV, _rev(_GA_GV)),
    ],
}

# Used when the database has no region with that slug (e.g. an empty test database).
DEFAULT_NAMES = {
    "noord-holland-noord": "Noord-Holland Noord",
    "zaanstreek-waterland": "Zaanstreek/Waterland",
    "zuid-kennemerland-en-ijmond": "Zuid-Kennemerland en IJmond",
    "groot-amsterdam": "Groot-Amsterdam",
    "gooi-en-vechtstreek": "Gooi en Vechtstreek",
}

LABEL_LINE_HEIGHT = 12

# Hand-picked label positions (lon, lat), inside each region but away from the towns where the
# campuses are; regions not listed get the centroid of their largest polygon.
LABEL_ANCHORS = {
    "zaanstreek-waterland": (4.950, 52.550),  # Beemster
    "zuid-kennemerland-en-ijmond": (4.655, 52.505),  # Beverwijk / Heemskerk
    "groot-amsterdam": (4.800, 52.335),  # between Amsterdam and Hoofddorp
    "gooi-en-vechtstreek": (5.140, 52.278),  # between Weesp and Hilversum
}

# --- Projection -----------------------------------------------------------------------------


def _scale(width, height, padding):
    """Pixels per degree latitude, the x factor and the offsets that centre the map."""
    mid_lat = (BOUNDS.min_lat + BOUNDS.max_lat) / 2
    x_factor = math.cos(math.radians(mid_lat))
    lon_span = (BOUNDS.max_lon - BOUNDS.min_lon) * x_factor
    lat_span = BOUNDS.max_lat - BOUNDS.min_lat
    scale = min((width - 2 * padding) / lon_span, (height - 2 * padding) / lat_span)
    offset_x = (width - lon_span * scale) / 2
    offset_y = (height - lat_span * scale) / 2
    return scale, x_factor, offset_x, offset_y


def project(lat, lon, width=WIDTH, height=HEIGHT, padding=PADDING):
    """Map WGS84 (lat, lon) to (x, y) in a ``0 0 width height`` viewBox, north up.

    Equirectangular: degrees longitude are shortened by cos(mid latitude of BOUNDS), so the
    province keeps its shape; the box is scaled to fit inside the padding and centred.
    """
    scale, x_factor, offset_x, offset_y = _scale(width, height, padding)
    x = offset_x + (float(lon) - BOUNDS.min_lon) * x_factor * scale
    y = offset_y + (BOUNDS.max_lat - float(lat)) * scale
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
    lat, lon = float(lat), float(lon)
    for slug, polygons in REGION_OUTLINES.items():
        if any(_point_in_polygon(lon, lat, polygon) for polygon in polygons):
            return slug
    return None


def _area_and_centroid(points):
    """Signed area and centroid of a polygon of (x, y) points (shoelace formula)."""
    area = cx = cy = 0.0
    n = len(points)
    for i in range(n):
        x1, y1 = points[i]
        x2, y2 = points[(i + 1) % n]
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if not area:
        xs, ys = zip(*points, strict=True)
        return 0.0, (sum(xs) / n, sum(ys) / n)
    return area, (cx / (6 * area), cy / (6 * area))


def _label_point(points):
    """A point inside the polygon: its centroid, or else the middle of the widest horizontal
    run through the centroid's height (for concave shapes whose centroid falls outside)."""
    _, (cx, cy) = _area_and_centroid(points)
    if _point_in_polygon(cx, cy, points):
        return cx, cy
    crossings = []
    n = len(points)
    for i in range(n):
        x1, y1 = points[i]
        x2, y2 = points[(i + 1) % n]
        if (y1 > cy) != (y2 > cy):
            crossings.append(x1 + (cy - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    runs = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not runs:
        return cx, cy
    left, right = max(runs, key=lambda run: run[1] - run[0])
    return (left + right) / 2, cy


def _projected(polygon, width, height, padding):
    return [project(lat, lon, width, height, padding) for lon, lat in polygon]


def _path_data(points):
    return "M " + " L ".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z"


def region_paths(width=WIDTH, height=HEIGHT, padding=PADDING):
    """[{"slug": ..., "d": "M x,y L ... Z"}] per region; multi-polygon regions get one
    sub-path per polygon in the same ``d``."""
    return [
        {
            "slug": slug,
            "d": " ".join(
                _path_data(_projected(polygon, width, height, padding)) for polygon in polygons
            ),
        }
        for slug, polygons in REGION_OUTLINES.items()
    ]


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
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def map_context(campuses, regions, width=WIDTH, height=HEIGHT, padding=PADDING):
    """Context for ``website/includes/campus_map.svg.html`` (as the variable ``map``).

    ``campuses``: objects with ``title``, ``url``, ``latitude``, ``longitude`` (Decimal, float
    or None) and ``economic_region``; only those with coordinates inside BOUNDS get a marker.
    ``regions``: objects with ``slug`` and ``name``; their names label the outlines (unknown
    slugs are ignored, missing ones fall back to DEFAULT_NAMES).
    """
    names = {region.slug: region.name for region in regions}
    paths = {path["slug"]: path["d"] for path in region_paths(width, height, padding)}

    map_regions = []
    for slug, polygons in REGION_OUTLINES.items():
        projected = [_projected(polygon, width, height, padding) for polygon in polygons]
        largest = max(projected, key=lambda points: abs(_area_and_centroid(points)[0]))
        if slug in LABEL_ANCHORS:
            anchor_lon, anchor_lat = LABEL_ANCHORS[slug]
            label_x, label_y = project(anchor_lat, anchor_lon, width, height, padding)
        else:
            label_x, label_y = _label_point(largest)
        name = names.get(slug) or DEFAULT_NAMES[slug]
        lines = label_lines(name)
        first_y = label_y - (len(lines) - 1) * LABEL_LINE_HEIGHT / 2
        map_regions.append(
            {
                "slug": slug,
                "name": name,
                "d": paths[slug],
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
        lat = _number(getattr(campus, "latitude", None))
        lon = _number(getattr(campus, "longitude", None))
        if lat is None or lon is None or not in_bounds(lat, lon):
            # Said on the page, so nobody takes the map for the whole list.
            unplaced.append({"title": campus.title, "url": str(campus.url or "")})
            continue
        x, y = project(lat, lon, width, height, padding)
        markers.append(
            {
                "title": campus.title,
                "url": str(campus.url or ""),
                "x": round(x, 1),
                "y": round(y, 1),
                "region": region_at(lat, lon),
                "economic_region": getattr(campus, "economic_region", ""),
            }
        )

    return {
        "width": width,
        "height": height,
        "view_box": f"0 0 {width} {height}",
        "regions": map_regions,
        "markers": markers,
        "unplaced": unplaced,
    }
