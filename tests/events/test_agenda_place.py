"""The agenda by place: a municipality or town of Noord-Holland, and a distance from it."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from campuses.models import CampusPage
from events.alerts import describe, filter_form
from events.factories import EventPageFactory
from events.models import EventIndexPage

from .test_calendar_views import titles

pytestmark = pytest.mark.date_dependent


@pytest.fixture
def events_around_hoorn(make_event):
    """Hoorn's centre is 52.643, 5.060: TerraTechnica (Alkmaar) is 21 km away, Tech@Connect
    (Den Helder) 40 km, Techport (IJmond, another region) 36 km."""

    def at_campus(title, slug):
        make_event(title=title, campus=CampusPage.objects.get(slug=slug), location_name="")

    at_campus("PET TerraTechnica", "terratechnica")
    at_campus("PET Tech@Connect", "tech-connect")
    at_campus("PET Techport", "techport")
    make_event(
        title="Ouder-kind-dag in Zwaag",
        latitude=Decimal("52.660"),
        longitude=Decimal("5.080"),
        region=CampusPage.objects.get(slug="terratechnica").region,
    )
    make_event(title="Zonder plek")


def test_a_distance_from_a_place_lists_the_events_near_it_only(client, events_around_hoorn):
    near = titles(client.get("/testagenda/", {"plaats": "Hoorn", "afstand": "25"}))
    assert sorted(near) == ["Ouder-kind-dag in Zwaag", "PET TerraTechnica"]
    further = titles(client.get("/testagenda/", {"plaats": "hoorn", "afstand": "50"}))
    assert sorted(further) == [
        "Ouder-kind-dag in Zwaag",
        "PET Tech@Connect",
        "PET Techport",
        "PET TerraTechnica",
    ]


def test_a_place_without_a_distance_lists_its_whole_region(client, events_around_hoorn):
    listed = titles(client.get("/testagenda/", {"plaats": "Hoorn"}))
    assert sorted(listed) == ["Ouder-kind-dag in Zwaag", "PET Tech@Connect", "PET TerraTechnica"]
    # A town is found as its municipality: Heerhugowaard lies in Dijk en Waard, same region.
    assert sorted(titles(client.get("/testagenda/", {"plaats": "Heerhugowaard"}))) == sorted(listed)


def test_an_unknown_place_is_named_and_ignored(client, events_around_hoorn):
    response = client.get("/testagenda/", {"plaats": "Atlantis", "afstand": "10"})
    assert response.status_code == 200
    html = response.content.decode()
    notice = "Plaats of gemeente: Atlantis kennen we niet als plaats of gemeente in Noord-Holland."
    assert notice in html
    assert len(titles(response)) == 5


def test_a_distance_without_a_place_is_named_and_ignored(client, events_around_hoorn):
    response = client.get("/testagenda/", {"afstand": "25"})
    assert "Afstand: vul ook een plaats of gemeente in." in response.content.decode()
    assert len(titles(response)) == 5


def test_the_place_field_suggests_every_municipality(client, calendar):
    html = client.get("/testagenda/").content.decode()
    field = re.search(r'<input type="text" name="plaats"[^>]*>', html).group()
    assert 'list="id_plaats-lijst"' in field
    datalist = re.search(r'<datalist id="id_plaats-lijst">(.*?)</datalist>', html).group(1)
    for name in ["Hoorn", "Dijk en Waard", "Heerhugowaard", "Texel"]:
        assert f'<option value="{name}">' in datalist
    assert "Eemnes" not in datalist  # in the province of Utrecht
    # Plain words for the region filter, not the labour market's jargon.
    assert '<label for="id_regio">Regio</label>' in html
    assert "Arbeidsmarktregio" not in html


def test_the_feed_and_the_alerts_keep_the_place(client, events_around_hoorn):
    form = filter_form("plaats=Zwaag&afstand=25")
    assert form.feed_query() == "plaats=Hoorn&afstand=25"
    assert describe(form) == "Agenda: plaats of gemeente Hoorn, binnen 25 km"
    feed = client.get("/testagenda/feed.ics", {"plaats": "Hoorn", "afstand": "25"})
    body = feed.content.decode()
    assert "PET TerraTechnica" in body and "Tech@Connect" not in body


def test_the_page_cache_keeps_pages_by_place():
    assert {"plaats", "afstand"} <= settings.PAGE_CACHE_QUERY_PARAMETERS


def test_the_open_data_api_takes_the_place_too(client, home_page):
    # The API lists the site's first calendar: the demo agenda, whose events nearest to Hoorn
    # are in Den Helder (40 km).
    agenda = EventIndexPage.objects.live().order_by("path").first()
    campus = CampusPage.objects.get(slug="terratechnica")
    EventPageFactory(parent=agenda, title="PET TerraTechnica", campus=campus, location_name="")
    url = reverse("api:list", args=["evenementen"])
    data = client.get(url, {"plaats": "Hoorn", "afstand": "25", "per_pagina": 100}).json()
    assert [item["title"] for item in data["results"]] == ["PET TerraTechnica"]
    data = client.get(url, {"plaats": "Hoorn", "afstand": "50", "per_pagina": 100}).json()
    assert "PET De Kop" in [item["title"] for item in data["results"]]  # Tech@Connect
    assert client.get(url, {"plaats": "Atlantis"}).status_code == 400
