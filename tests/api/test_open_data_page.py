"""The "Open data" page for developers: made by load_initial_data, linked from the footer,
and listing what the API serves, from the same definitions."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from api.models import OpenDataPage
from api.resources import ENDPOINTS
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


def footer_pages(site):
    return [block.value.pk for block in SiteSettings.for_site(site).service_links]


def test_the_page_lists_every_endpoint_with_examples(client, home_page):
    page = OpenDataPage.objects.live().get()
    html = client.get(page.url).content.decode()
    for endpoint in ENDPOINTS:
        assert f'href="http://testserver{reverse("api:list", args=[endpoint.name])}"' in html
        assert f'href="http://testserver{reverse("api:csv", args=[endpoint.name])}"' in html
    assert f'href="http://testserver{reverse("api:openapi")}"' in html
    assert "curl " in html


def test_the_footer_links_to_it(client, home_page):
    page = OpenDataPage.objects.live().get()
    footer = client.get(home_page.url).content.decode().split('class="site-footer"')[1]
    assert f'href="{page.url}"' in footer


def test_loading_again_adds_no_second_link_and_keeps_a_removed_one_removed(site):
    page = OpenDataPage.objects.get()
    assert footer_pages(site) == [page.pk]
    call_command("load_initial_data", stdout=io.StringIO())
    assert footer_pages(site) == [page.pk]
    settings = SiteSettings.for_site(site)
    settings.service_links = []
    settings.save()
    call_command("load_initial_data", stdout=io.StringIO())
    assert footer_pages(Site.objects.get(pk=site.pk)) == []
    assert OpenDataPage.objects.count() == 1


def test_the_page_states_the_licence_and_the_csv_formats(client, home_page):
    html = client.get(OpenDataPage.objects.live().get().url).content.decode()
    assert "<h2>Licentie</h2>" in html
    licence = 'href="https://creativecommons.org/publicdomain/zero/1.0/deed.nl" rel="license"'
    assert f"{licence}>CC0 1.0 Universeel</a>" in html
    assert "DD-MM-JJJJ UU:MM (Nederlandse tijd)" in html
