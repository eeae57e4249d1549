"""Hostile input: a bounded fuzz pass over every public URL and parameter of the README's
table ("What is on the site"), against the real initial content. Whatever comes in (random,
huge, unicode, NUL and control characters, the ends of the date range, page numbers of
10**12, negative numbers, repeated and unknown parameters, wrong methods, strange path
segments), the answer is never a 5xx.

`make test` runs the edge values on every input and a few derandomized random examples per
route (hypothesis profile "default", tests/conftest.py); `make fuzz` runs many random ones
(profile "fuzz").
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from api.resources import ENDPOINTS as api_endpoints
from campuses.models import CampusPage
from core.models import Region
from events.models import Audience, EventKind, EventPage, RegistrationMode
from events.models.pages import calendar_file_url
from manifest.models import Initiative, ManifestAction, ManifestPage, Theme
from monitor.models import Area, Indicator, MonitorPage
from partners.models import Partner, PartnerIndexPage
from tests.images import png_upload
from website.models import HomePage

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

CALENDAR_PARAMS = ["weergave", "doelgroep", "soort", "regio", "campus", "vanaf", "tot"]
CALENDAR_PARAMS += ["pagina", "maand"]
DIRECTORY_PARAMS = ["q", "soort", "regio", "sector", "niveau", "campus", "aanbod"]
DIRECTORY_PARAMS += ["ondertekenaar", "sortering", "pagina"]
# Every list of the open data takes its filters plus these (see api/endpoints.py).
API_PARAMS = ["gewijzigd_sinds", "pagina", "per_pagina", "q", "onbekend"]
SIGNATURE_FIELDS = ["organisation_name", "kind", "education_levels", "region", "website"]
SIGNATURE_FIELDS += ["signer_name", "signer_role", "statement", "contact_email"]
SIGNATURE_FIELDS += ["privacy_consent"]
REGISTRATION_FIELDS = ["session", "contact_name", "email", "phone", "privacy_consent"]
REGISTRATION_FIELDS += ["school_name", "school_reference", "groups", "pupils", "adults"]
REGISTRATION_FIELDS += ["persons"]
FOLLOW_FIELDS = ["bron", "filter", "email", "frequency", "privacy_consent"]
METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]

ROUTE_NAMES = [
    "home",
    "manifest",
    "sign",
    "sign_received",
    "sign_confirm",
    "signatories",
    "signatories_embed",
    "oembed",
    "actions",
    "action",
    "initiatives",
    "initiative",
    "campuses",
    "campus",
    "agenda",
    "archive",
    "feed",
    "event",
    "event_ics",
    "session_ics",
    "register_class",
    "register_persons",
    "registration",
    "directory",
    "suggestions",
    "partner",
    "search",
    "monitor",
    "monitor_area",
    "monitor_compare",
    "monitor_indicator",
    "monitor_csv",
    "follow",
    "follow_confirm",
    "follow_unsubscribe",
    "follow_manage",
    "sitemap",
    "robots",
    "security_txt",
    "favicon",
    "health",
    "api_index",
    "api_openapi",
    *[f"api_{endpoint.name}" for endpoint in api_endpoints],
    *[f"api_{endpoint.name}_csv" for endpoint in api_endpoints],
]


@dataclass
class Route:
    name: str
    path: str
    # GET parameters, or the fields of the form a POST to this path fills in.
    inputs: list = field(default_factory=list)
    form: bool = False
    # The path with "{}" where it names an object (a slug or a token), to try other names.
    template: str = ""
    # A valid form body to put hostile values into, so they also reach the code behind the
    # form's validation (storing, e-mailing, listing).
    valid_body: Callable | None = None


def with_slot(path, name):
    """The path with its last `/name/` segment replaced by "{}"."""
    head, _, tail = path.rpartition(f"/{name}/")
    return head + "/{}/" + tail


def signature_body():
    return {
        "organisation_name": "Zeewering Installatietechniek",
        "kind": "bedrijfsleven",
        "website": "https://zeewering.example.nl/",
        "logo": png_upload(),
        "signer_name": "Fatima el Amrani",
        "contact_email": "fatima@zeewering.example.nl",
        "privacy_consent": "on",
    }


def registration_body(event):
    [first, *_] = event.upcoming_sessions()
    return lambda: {
        "session": str(first.pk),
        "school_name": "OBS De Vuurtoren",
        "school_reference": "12AB",
        "groups": ["groep 7", "groep 8"],
        "pupils": "24",
        "adults": "3",
        "persons": "2",
        "contact_name": "Jan de Boer",
        "email": "jan@vuurtoren.example.nl",
        "privacy_consent": "on",
    }


def follow_body():
    return {
        "bron": "agenda",
        "filter": "soort=pet&regio=zaanstreek-waterland",
        "email": "juf@obs-dekolk.example.nl",
        "frequency": "wekelijks",
        "privacy_consent": "on",
    }


def public_routes():
    """Every row of the README's table, with real content where a path names an object."""
    manifest = ManifestPage.objects.live().get()
    events = EventPage.objects.live().public().filter(registration_mode=RegistrationMode.ON_SITE)
    school_event = events.filter(kind=EventKind.PET).first()
    person_event = events.exclude(kind=EventKind.PET).first()
    agenda = school_event.get_parent().specific
    directory = PartnerIndexPage.objects.live().get()
    partner = Partner.objects.live().first()
    campus = CampusPage.objects.live().first()
    action = ManifestAction.objects.first()
    initiative = Initiative.objects.filter(live=True).first()
    monitor = MonitorPage.objects.live().get()
    area = Area.objects.exclude(region=None).first()
    indicator = Indicator.objects.first()

    def manifest_route(name, *args):
        return manifest.url + manifest.reverse_subpage(name, args=args)

    def event_route(event, name, *args):
        return event.url + event.reverse_subpage(name, args=args)

    def monitor_route(name, *args):
        return monitor.url + monitor.reverse_subpage(name, args=args)

    token = "onbekend-token"
    routes = [
        Route("home", HomePage.objects.get().url),
        Route("manifest", manifest.url),
        Route(
            "sign",
            manifest_route("sign"),
            SIGNATURE_FIELDS,
            form=True,
            valid_body=signature_body,
        ),
        Route("sign_received", manifest_route("sign_received")),
        Route(
            "sign_confirm",
            manifest_route("sign_confirm", token),
            template=with_slot(manifest_route("sign_confirm", token), token),
        ),
        Route("signatories", manifest_route("signatories"), ["soort", "sortering", "pagina"]),
        Route("signatories_embed", manifest_route("signatories_embed")),
        Route("oembed", manifest_route("oembed"), ["url", "format", "maxwidth", "maxheight"]),
        Route("actions", manifest_route("actions")),
        Route(
            "action",
            action.get_absolute_url(),
            template=with_slot(action.get_absolute_url(), action.slug),
        ),
        Route(
            "initiatives",
            reverse("manifest:initiative_list"),
            ["actie", "thema", "regio", "campus", "pagina"],
        ),
        Route(
            "initiative",
            initiative.get_absolute_url(),
            template=with_slot(initiative.get_absolute_url(), initiative.slug),
        ),
        Route("campuses", campus.get_parent().url, ["regio", "sector", "niveau"]),
        Route("campus", campus.url, template=with_slot(campus.url, campus.slug)),
        Route("agenda", agenda.url, CALENDAR_PARAMS),
        Route("archive", agenda.url + agenda.reverse_subpage("archive"), CALENDAR_PARAMS),
        Route("feed", calendar_file_url(agenda, "feed"), CALENDAR_PARAMS),
        Route("event", school_event.url, template=with_slot(school_event.url, school_event.slug)),
        Route(
            "event_ics",
            school_event.ics_url(),
            template=with_slot(school_event.ics_url(), school_event.slug),
        ),
        Route(
            "session_ics",
            event_route(school_event, "session_ics", school_event.sessions.first().pk),
        ),
        Route(
            "register_class",
            event_route(school_event, "sign_up"),
            REGISTRATION_FIELDS,
            form=True,
            valid_body=registration_body(school_event),
        ),
        Route(
            "register_persons",
            event_route(person_event, "sign_up"),
            REGISTRATION_FIELDS,
            form=True,
            valid_body=registration_body(person_event),
        ),
        Route(
            "registration",
            event_route(school_event, "registration", token),
            ["actie"],
            form=True,
            template=with_slot(event_route(school_event, "registration", token), token),
        ),
        Route("directory", directory.url, DIRECTORY_PARAMS),
        Route("suggestions", directory.url + directory.reverse_subpage("suggestions"), ["q"]),
        Route(
            "partner",
            partner.get_absolute_url(),
            template=with_slot(partner.get_absolute_url(), partner.slug),
        ),
        Route("search", reverse("search"), ["q"]),
        Route("monitor", monitor.url),
        Route(
            "monitor_area",
            monitor_route("area", area.slug),
            template=with_slot(monitor_route("area", area.slug), area.slug),
        ),
        Route("monitor_compare", monitor_route("compare"), ["regio", "met"]),
        Route(
            "monitor_indicator",
            monitor_route("indicator", indicator.slug),
            template=with_slot(monitor_route("indicator", indicator.slug), indicator.slug),
        ),
        Route(
            "monitor_csv",
            monitor_route("csv", area.slug, indicator.slug, "jaar"),
            template=with_slot(monitor_route("csv", area.slug, indicator.slug, "jaar"), "jaar"),
        ),
        Route(
            "follow",
            reverse("alerts:subscribe"),
            FOLLOW_FIELDS,
            form=True,
            valid_body=follow_body,
        ),
        *(
            Route(
                f"follow_{name}",
                reverse(f"alerts:{name}", args=[token]),
                ["stop"] if name == "manage" else [],
                form=name == "manage",
                template=with_slot(reverse(f"alerts:{name}", args=[token]), token),
            )
            for name in ["confirm", "unsubscribe", "manage"]
        ),
        Route("sitemap", reverse("sitemap")),
        Route("robots", reverse("robots_txt")),
        Route("security_txt", reverse("security_txt")),
        Route("favicon", reverse("favicon")),
        Route("health", reverse("health")),
        Route(
            "api_index",
            reverse("api:index"),
            template=reverse("api:index") + "{}/",
        ),
        Route("api_openapi", reverse("api:openapi")),
    ]
    for endpoint in api_endpoints:
        params = [param.name for param in endpoint.all_params] + API_PARAMS
        routes.append(
            Route(
                f"api_{endpoint.name}",
                reverse("api:list", args=[endpoint.name]),
                params,
                template=with_slot(reverse("api:list", args=[endpoint.name]), endpoint.name),
            )
        )
        routes.append(
            Route(f"api_{endpoint.name}_csv", reverse("api:csv", args=[endpoint.name]), params)
        )
    return {route.name: route for route in routes}


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
