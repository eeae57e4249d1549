"""Every public route of the README's table ("What is on the site"), with real content where a
path names an object: the inputs each takes and a valid form body to start from. The hostile
input pass and the security headers check walk it."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from api.resources import ENDPOINTS as api_endpoints
from campuses.models import CampusPage
from events.models import EventKind, EventPage, RegistrationMode
from events.models.pages import calendar_file_url
from manifest.models import Initiative, ManifestAction, ManifestPage
from monitor.models import Area, Indicator, MonitorPage
from partners.models import Partner, PartnerIndexPage
from tests.images import png_upload
from website.models import HomePage

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
