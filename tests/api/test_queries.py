"""Every list of the open data, JSON and CSV, costs the same number of queries however many
records it holds."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.resources import ENDPOINTS
from campuses.factories import CampusPageFactory
from campuses.models import CampusIndexPage
from core.models import Region
from events.factories import EventPageFactory
from events.models import Audience, EventIndexPage
from manifest.factories import ActionTargetFactory, InitiativeFactory, ManifestActionFactory
from manifest.models import Signature, SignatureState
from partners.factories import PartnerFactory
from tests.monitor.figures import observation
from website.models import StandardPage

pytestmark = pytest.mark.django_db
# A new address per request, so the rate limit's counter is always a new one.
addresses = (f"192.0.2.{n % 250}" for n in itertools.count(1))


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, REMOTE_ADDR=next(addresses))
    assert response.status_code == 200, url
    return len(captured)


def counts(client):
    urls = []
    for endpoint in ENDPOINTS:
        urls.append(reverse("api:list", args=[endpoint.name]) + "?per_pagina=100")
        urls.append(reverse("api:csv", args=[endpoint.name]))
    queries(client, urls[0])  # warm up: page URLs are remembered per process
    return {url: queries(client, url) for url in urls}


def add_records(home_page, figures, numbers):
    regions = list(Region.objects.all()[:2])
    agenda = EventIndexPage.objects.get()
    campuses = CampusIndexPage.objects.get()
    audience = Audience.objects.first()
    for n in numbers:
        partner = PartnerFactory(name=f"Extra Partner {n}", regions=regions, sectors=["extra"])
        Signature.objects.create(
            partner=partner,
            organisation_name=partner.name,
            organisation_kind=partner.kind,
            privacy_consent_at="2026-01-01T00:00Z",
            state=SignatureState.APPROVED,
        )
        action = ManifestActionFactory()
        ActionTargetFactory(action=action, progress_current=1, progress_goal=2)
        InitiativeFactory(actions=[action], regions=regions, partners=[partner])
        EventPageFactory(parent=agenda, hosts=[partner], audiences=[audience])
        campus = CampusPageFactory(parent=campuses, slug=f"extra-campus-{n}", region=regions[0])
        campus.partners.add(partner)
        home_page.add_child(instance=StandardPage(title=f"Extra {n}", slug=f"extra-{n}"))
        observation(figures["werkloosheid"], figures["zaanstreek"], 1990 + n, "5.0")


def test_lists_cost_the_same_queries_at_any_size(client, home_page, figures):
    add_records(home_page, figures, range(1))
    few = counts(client)
    add_records(home_page, figures, range(1, 5))
    many = counts(client)
    assert many == few
    # A CSV is counted against two rate limits, each a few queries on SQLite.
    assert max(many.values()) <= 40
