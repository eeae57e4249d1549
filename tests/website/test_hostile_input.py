"""Hostile input: a bounded fuzz pass over every public URL and parameter of the README's
table (tests/website/routes.py), against the real initial content. Whatever comes in (random,
huge, unicode, NUL and control characters, the ends of the date range, page numbers of
10**12, negative numbers, repeated and unknown parameters, wrong methods, strange path
segments), the answer is never a 5xx.

`make test` runs the edge values on every input and a few derandomized random examples per
route (hypothesis profile "default", tests/conftest.py); `make fuzz` runs many random ones
(profile "fuzz").
"""

import itertools
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.resources import ENDPOINTS as api_endpoints
from campuses.models import CampusPage
from core.models import Region
from events.models import Audience, EventKind
from manifest.models import ManifestAction, Theme
from monitor.models import Area
from tests.website.routes import ROUTE_NAMES, public_routes

# Each of these once on every input of every route, in `make test` too: the ends of the date
# range, a page number no database column holds, a negative one, NUL (PostgreSQL refuses it
# in text), a right-to-left override, a huge value.
EDGE_VALUES = [
    "0001-01-01",
    "9999-12-31",
    str(10**12),
    "-1",
    "a\x00b",
    "\u202eevil",
    "x" * 5000,
]
# More values that broke or could break a parser somewhere, for the random examples.
HOSTILE_VALUES = [
    *EDGE_VALUES,
    "",
    " ",
    "0",
    str(-(10**12)),
    str(2**63),
    "1e400",
    "NaN",
    "0000-00-00",
    "10000-01-01",
    "2027-02-30",
    "0001-01",
    "9999-12",
    "-0001-01",
    "\x00",
    "\x1b[31m",
    "\r\nSet-Cookie: x=1",
    "\ufffe\uffff",
    "💥" * 50,
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "[]",
]

METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]


def real_values():
    """Values the site knows, so a hostile value meets valid ones and the code behind them."""
    slugs = itertools.chain(
        Region.objects.values_list("slug", flat=True),
        Area.objects.values_list("slug", flat=True),
        Audience.objects.values_list("slug", flat=True),
        Theme.objects.values_list("slug", flat=True),
        ManifestAction.objects.values_list("slug", flat=True),
        CampusPage.objects.values_list("slug", flat=True),
    )
    words = ["maand", "lijst", "naam", "nieuwste", "relevantie", "afmelden", "installatie"]
    return sorted({*slugs, *EventKind.values, *words})


def values(known):
    return st.one_of(
        st.sampled_from(HOSTILE_VALUES),
        st.sampled_from(known),
        st.text(max_size=40),
        st.text(st.characters(max_codepoint=0x1F), max_size=10),
        st.integers().map(str),
        st.dates().map(lambda day: day.isoformat()),
    )


def parameters(names, known):
    """A query or form body: known and unknown names, each once or repeated."""
    name = st.one_of(st.sampled_from(names), st.text(max_size=12)) if names else st.text()
    return st.dictionaries(name, st.lists(values(known), min_size=1, max_size=3), max_size=6)


def path_segments():
    """Another name where a path names an object: random, encoded slashes, dots, empty."""
    encoded = st.text(max_size=30).map(lambda text: quote(text, safe=""))
    return st.one_of(st.sampled_from(["", ".", "..", "%2F", "%2e%2e", "a%00b"]), encoded)


# Every request comes from another address, so the forms' rate limits never hide what is
# behind them.
addresses = (f"198.51.{n // 250 % 250}.{n % 250}" for n in itertools.count())


def send(client, method, path, data):
    """One request, from a new client address; the answer's status code."""
    extra = {"REMOTE_ADDR": next(addresses)}
    if method == "POST":  # multipart, as a browser sends a form with a file
        return client.post(path, data, **extra).status_code
    body = urlencode(data, doseq=True)
    if method in ("GET", "HEAD", "OPTIONS"):
        response = client.generic(method, f"{path}?{body}" if body else path, **extra)
    else:
        response = client.generic(method, path, body, "application/x-www-form-urlencoded", **extra)
    return response.status_code


@pytest.fixture
def site_map(home_page):
    return public_routes(), real_values()


def test_the_fuzz_pass_covers_every_route(site_map):
    routes, _ = site_map
    assert sorted(routes) == sorted(ROUTE_NAMES)
    assert [name for name in ROUTE_NAMES if routes[name].inputs] == ROUTES_WITH_INPUTS


@pytest.mark.parametrize("name", ["sign", "register_class", "register_persons", "follow"])
def test_the_valid_forms_the_fuzz_starts_from_are_accepted(client, site_map, name):
    route = site_map[0][name]
    assert send(client, "POST", route.path, route.valid_body()) == 303


# The routes that read parameters or a form; the random examples send unknown ones to all.
ROUTES_WITH_INPUTS = [
    "sign",
    "signatories",
    "oembed",
    "initiatives",
    "campuses",
    "agenda",
    "archive",
    "feed",
    "register_class",
    "register_persons",
    "registration",
    "directory",
    "suggestions",
    "search",
    "monitor_compare",
    "follow",
    "follow_manage",
    *[f"api_{endpoint.name}" for endpoint in api_endpoints],
    *[f"api_{endpoint.name}_csv" for endpoint in api_endpoints],
]


@pytest.mark.parametrize("name", ROUTES_WITH_INPUTS)
def test_edge_values_on_every_input_give_no_server_error(client, site_map, name):
    route = site_map[0][name]
    method = "POST" if route.form else "GET"
    for value in EDGE_VALUES:
        data = dict.fromkeys(route.inputs, value)
        assert send(client, method, route.path, data) < 500, (method, value)


@pytest.mark.parametrize("name", ROUTE_NAMES)
@given(data=st.data())
def test_no_request_gives_a_server_error(client, site_map, name, data):
    routes, known = site_map
    route = routes[name]
    path = route.path
    if route.template and data.draw(st.booleans(), label="other name in the path"):
        path = route.template.format(data.draw(path_segments(), label="segment"))
    method = data.draw(st.sampled_from(METHODS), label="method")
    query = data.draw(parameters(route.inputs, known), label="data")
    if route.valid_body and data.draw(st.booleans(), label="into a valid form"):
        method, query = "POST", route.valid_body() | query
    assert send(client, method, path, query) < 500
