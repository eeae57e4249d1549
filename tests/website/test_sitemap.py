"""The sitemap lists every public URL with its last change: Wagtail's pages plus the routes
that pages serve (the wall, actions, profiles, the archive) and the initiatives."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from manifest.factories import InitiativeFactory
from manifest.models import ManifestAction
from partners.factories import PartnerFactory
from partners.models import Partner
from tests.conftest import count_queries


@pytest.fixture
def sitemap(client, home_page):
    def read():
        response = client.get(reverse("sitemap"))
        assert response.status_code == 200
        xml = response.content.decode()
        found = re.findall(r"<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", xml)
        return {urlsplit(loc).path: lastmod for loc, lastmod in found}

    return read


def test_every_public_kind_of_url_is_listed_with_a_date(sitemap):
    entries = sitemap()
    action = ManifestAction.objects.order_by("pk").first()
    partner = Partner.objects.live().order_by("pk").first()
    expected = [
        "/",
        "/manifest/",
        "/manifest/ondertekenaars/",
        "/manifest/acties/",
        action.get_absolute_url(),
        reverse("manifest:initiative_list"),
        partner.get_absolute_url(),
        "/agenda/",
        "/agenda/archief/",
        "/campussen/",
    ]
    for path in expected:
        assert path in entries, path
        assert entries[path], f"{path} has no lastmod"
    assert len([loc for loc in entries if "/manifest/acties/" in loc]) == (
        ManifestAction.objects.count() + 1
    )


def test_only_live_partners_and_initiatives_are_listed(sitemap):
    hidden_partner = PartnerFactory(slug="nog-in-behandeling", live=False)
    live_initiative = InitiativeFactory(slug="zichtbaar-initiatief")
    draft_initiative = InitiativeFactory(slug="concept-initiatief", live=False)
    entries = sitemap()
    assert live_initiative.get_absolute_url() in entries
    assert draft_initiative.get_absolute_url() not in entries
    assert not any(hidden_partner.slug in loc for loc in entries)


@pytest.mark.date_dependent(across_the_year=True)
def test_a_partner_change_moves_its_lastmod(sitemap):
    partner = Partner.objects.live().order_by("pk").first()
    partner.save()
    lastmod = sitemap()[partner.get_absolute_url()]
    assert lastmod.startswith(timezone.localdate().isoformat())  # in Amsterdam, not UTC


def test_the_sitemap_does_not_grow_in_queries_with_partners(client, home_page):
    client.get(reverse("sitemap"))  # Wagtail keeps the site root paths in the cache
    before = count_queries(client, reverse("sitemap"))
    PartnerFactory.create_batch(5)
    InitiativeFactory.create_batch(3)
    assert count_queries(client, reverse("sitemap")) == before


def test_every_url_is_on_the_public_address_not_the_site_records_host(client, home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://werkenenontwikkelen2030.nl"
    xml = client.get(reverse("sitemap")).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert len(locations) > 10
    assert [
        loc for loc in locations if not loc.startswith(settings.WAGTAILADMIN_BASE_URL + "/")
    ] == []
