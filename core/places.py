"""The municipalities of Noord-Holland and their towns, each with its region and a centre
(core/data/municipalities.json), so a visitor can filter by the place she knows."""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from .models import EconomicRegion
from .text import name_key

DATA_FILE = Path(__file__).parent / "data" / "municipalities.json"
# Noord-Holland lies well within this box; a centre outside it is a typing error in the file.
LATITUDES = (52.1, 53.2)
LONGITUDES = (4.4, 5.4)
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Municipality:
    name: str
    region: str  # a Region slug
    economic_region: str
    latitude: float
    longitude: float
    places: tuple[str, ...]

    def __str__(self):
        return self.name

    def distance_km(self, latitude, longitude):
        """Great-circle distance from this centre (haversine): a few metres off at most."""
        lat1, lon1, lat2, lon2 = map(
            math.radians, (self.latitude, self.longitude, float(latitude), float(longitude))
        )
        a = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def parse(content):
    """The municipalities in `content` (the data file's JSON); ValueError names what is wrong."""
    municipalities = [Municipality(**{**row, "places": tuple(row["places"])}) for row in content]
    economic = {}
    for item in municipalities:
        if not item.region or item.economic_region not in EconomicRegion.values:
            raise ValueError(f"{item.name}: no region or an unknown economic region")
        if economic.setdefault(item.region, item.economic_region) != item.economic_region:
            raise ValueError(f"{item.name}: {item.region} lies in two economic regions")
        inside = LATITUDES[0] < item.latitude < LATITUDES[1]
        if not (inside and LONGITUDES[0] < item.longitude < LONGITUDES[1]):
            raise ValueError(f"{item.name}: centre outside Noord-Holland")
    names = [name_key(name) for item in municipalities for name in (item.name, *item.places)]
    if len(names) != len(set(names)):
        raise ValueError("a municipality or place is named twice")
    return municipalities


@functools.cache
def municipalities():
    return parse(json.loads(DATA_FILE.read_text(encoding="utf-8"))["municipalities"])


@functools.cache
def by_name():
    """Municipality and town names, in lower case, -> their municipality."""
    return {name_key(name): item for item in municipalities() for name in (item.name, *item.places)}


def find(name):
    """The municipality a municipality or town name (any case) lies in, or None."""
    return by_name().get(name_key(name or ""))


@functools.cache
def names():
    """Every name `find` knows, in alphabetical order: what a place field suggests."""
    return tuple(sorted({name for item in municipalities() for name in (item.name, *item.places)}))
