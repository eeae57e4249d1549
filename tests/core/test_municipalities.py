"""The municipalities of Noord-Holland that the place filters know (core/data)."""

import json
from pathlib import Path

import pytest

from core import places

CONTENT = Path(__file__).parents[2] / "website" / "data" / "initial_content.json"


def rows():
    return json.loads(places.DATA_FILE.read_text(encoding="utf-8"))["municipalities"]


def test_all_44_municipalities_each_in_a_region_the_platform_knows():
    regions = {
        item["slug"]: item["economic_region"]
        for item in json.loads(CONTENT.read_text(encoding="utf-8"))["regions"]
    }
    municipalities = places.municipalities()
    assert len(municipalities) == 44
    for item in municipalities:
        assert regions[item.region] == item.economic_region, item.name
    per_region = {slug: 0 for slug in regions}
    for item in municipalities:
        per_region[item.region] += 1
    assert per_region == {
        "noord-holland-noord": 16,
        "zaanstreek-waterland": 7,
        "zuid-kennemerland-en-ijmond": 8,
        "groot-amsterdam": 7,
        "gooi-en-vechtstreek": 6,
    }


def test_the_mergers_are_in_and_the_neighbours_out():
    assert places.find("Heerhugowaard").name == "Dijk en Waard"
    assert places.find("langedijk").name == "Dijk en Waard"
    assert places.find("Beemster").name == "Purmerend"
    assert places.find("Weesp").name == "Amsterdam"
    assert places.find("Heiloo").name == "Heiloo"
    assert places.find(" hoorn ").region == "noord-holland-noord"
    assert places.find("Eemnes") is None  # province of Utrecht
    assert places.find("") is None


def test_distances_from_a_centre():
    hoorn = places.find("Hoorn")
    assert hoorn.distance_km(hoorn.latitude, hoorn.longitude) == 0
    den_helder = places.find("Den Helder")
    assert 38 < hoorn.distance_km(den_helder.latitude, den_helder.longitude) < 42


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"region": ""}, "no region"),
        ({"economic_region": "nhn"}, "two economic regions"),
        ({"latitude": 51.9}, "outside Noord-Holland"),
        ({"places": ["Hoorn"]}, "named twice"),
    ],
)
def test_a_faulty_data_file_is_refused_when_loaded(change, problem):
    content = rows()
    content[0] = {**content[0], **change}
    with pytest.raises(ValueError, match=problem):
        places.parse(content)
