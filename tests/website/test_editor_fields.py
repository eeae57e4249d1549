"""What editors see in the page list and the forms: pages in menu order, fields named and
explained in their words, the demo flag for administrators only."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from core.models import Region
from events.models import EventIndexPage, EventPage
from monitor.models import Area, Indicator, Observation
from partners.models import Partner


def listed_pages(client, parent):
    """The ids of the pages the admin lists under `parent`, in the listing's order."""
    html = client.get(reverse("wagtailadmin_explore", args=[parent.pk])).content.decode()
    return [int(pk) for pk in re.findall(r'id="page_(\d+)_title"', html)]


def test_the_page_list_is_in_menu_order(redacteur_client, home_page):
    children = list(home_page.get_children())
    # The last one in the menu was edited last: Wagtail's default would put it first.
    children[-1].specific.save_revision()
    assert listed_pages(redacteur_client, home_page) == [page.pk for page in children]


def test_the_agenda_lists_the_last_edited_event_first(redacteur_client, home_page):
    agenda = EventIndexPage.objects.get()
    last_in_tree = EventPage.objects.child_of(agenda).order_by("path").last()
    last_in_tree.save_revision()
    assert listed_pages(redacteur_client, agenda)[0] == last_in_tree.pk


@pytest.mark.parametrize(
    "page_type", [Page.objects.filter(slug="over-het-manifest").first, EventPage.objects.first]
)
def test_the_slug_is_called_webadres_and_explained(redacteur_client, page_type):
    html = redacteur_client.get(reverse("wagtailadmin_pages:edit", args=[page_type().pk]))
    html = html.content.decode()
    assert "Webadres (slug)" in html
    assert "Het laatste deel van het webadres" in html


@pytest.mark.parametrize(
    "snippet",
    [Partner.objects.first, Region.objects.first, Indicator.objects.first, Area.objects.first],
)
def test_a_snippets_slug_is_explained_too(redacteur_client, snippet):
    item = snippet()
    url = reverse(
        f"wagtailsnippets_{item._meta.app_label}_{item._meta.model_name}:edit", args=[item.pk]
    )
    html = redacteur_client.get(url).content.decode()
    assert "Webadres (slug)" in html


def test_coordinates_say_what_they_are_for_and_where_to_find_them(redacteur_client, campus):
    html = redacteur_client.get(reverse("wagtailadmin_pages:edit", args=[campus.pk]))
    html = html.content.decode()
    assert "Hoe noordelijk de plek ligt" in html
    assert "Hoe oostelijk de plek ligt" in html
    assert "met de rechtermuisknop op de plek" in html


def test_editors_do_not_see_the_demo_flag_and_cannot_change_it(redacteur_client):
    event = EventPage.objects.filter(is_demo=True).first()
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert 'name="is_demo"' not in redacteur_client.get(url).content.decode()
    for snippet in (Partner, Observation):
        item = snippet.objects.filter(is_demo=True).first()
        url = reverse(
            f"wagtailsnippets_{item._meta.app_label}_{item._meta.model_name}:edit", args=[item.pk]
        )
        assert 'name="is_demo"' not in redacteur_client.get(url).content.decode(), snippet


def test_administrators_see_the_demo_flag(admin_client, home_page):
    event = EventPage.objects.filter(is_demo=True).first()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert 'name="is_demo"' in html
    observation = Observation.objects.filter(is_demo=True).first()
    url = reverse("wagtailsnippets_monitor_observation:edit", args=[observation.pk])
    assert 'name="is_demo"' in admin_client.get(url).content.decode()
