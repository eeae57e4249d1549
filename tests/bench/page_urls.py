"""One URL per public page type, from the data (no literal paths): the benchmark, the soak and
the query-budget tests share it. `python manage.py shell -c` prints them as JSON."""

import json
from urllib.parse import urlencode

from django.urls import reverse

from campuses.models import CampusIndexPage, CampusPage
from events.models import EventIndexPage, EventPage, EventSession, RegistrationMode
from manifest.models import Initiative, ManifestAction, ManifestPage
from monitor.models import Area, MonitorPage
from partners.models import Partner, PartnerIndexPage
from website.models import HomePage, StandardPage


def page_urls():
    manifest = ManifestPage.objects.live().get()
    agenda = EventIndexPage.objects.live().first()
    event = EventPage.objects.live().filter(pk__in=EventSession.objects.upcoming().values("event"))
    directory = PartnerIndexPage.objects.live().first()
    partner = Partner.objects.filter(live=True).order_by("pk").first()
    monitor = MonitorPage.objects.live().get()
    regions = Area.objects.exclude(region=None).order_by("sort_order", "slug")
    return {
        "home": HomePage.objects.live().first().url,
        "manifest": manifest.url,
        "actions list": manifest.url + manifest.reverse_subpage("actions"),
        "action detail": ManifestAction.objects.order_by("agenda_number")
        .first()
        .get_absolute_url(),
        "initiatives list": reverse("manifest:initiative_list"),
        "initiative detail": Initiative.objects.filter(live=True).first().get_absolute_url(),
        "wall": manifest.url + manifest.reverse_subpage("signatories"),
        "wall embed": manifest.url + manifest.reverse_subpage("signatories_embed"),
        "campuses list": CampusIndexPage.objects.live().first().url,
        "campus detail": CampusPage.objects.live().order_by("pk").first().url,
        "agenda list": agenda.url,
        "agenda month": agenda.url + "?weergave=maand",
        "event detail": (event.first() or EventPage.objects.live().first()).url,
        "feed.ics": reverse("calendar_file", args=[agenda.url.strip("/") + "/", "feed"]),
        "directory": directory.url,
        "partner profile": partner.get_absolute_url(),
        "directory search": directory.url + "?q=installatie",
        "site search": reverse("search") + "?q=installatie",
        "standard page": StandardPage.objects.live().first().url,
        "monitor province": monitor.url,
        "monitor region": regions.first().get_absolute_url(),
        "monitor compare": monitor.url
        + monitor.reverse_subpage("compare")
        + "?"
        + urlencode({"regio": regions.first().slug, "met": regions.last().slug}),
    }


def extra_urls():
    """What the soak also needs: a sign form and events that take registrations."""
    manifest = ManifestPage.objects.live().get()
    events = [
        event
        for event in EventPage.objects.live().filter(registration_mode=RegistrationMode.ON_SITE)
        if not event.registration_closed_reason()
    ]
    return {
        "sign": manifest.url + manifest.reverse_subpage("sign"),
        "register": [
            (event.url + event.reverse_subpage("sign_up"), event.pk, event.for_schools)
            for event in events
        ],
    }


def print_urls():
    print(json.dumps({"pages": page_urls(), **extra_urls()}))
