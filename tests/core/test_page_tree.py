"""Routing, view restrictions and site settings from the in-memory page tree (core.pagetree):
the same answers as Wagtail's own routing, and no stale answer after any change."""

import pytest
from wagtail.models import Page, PageViewRestriction

from core import pagetree
from core.models import ImportantPages
from events.models import EventIndexPage
from manifest.models import ManifestPage
from tests.website.test_queries import count_queries
from website.factories import StandardPageFactory
from website.models import SiteSettings


def test_pages_are_served_at_their_urls_with_no_routing_queries(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Over ons")
    child = StandardPageFactory(parent=page, title="Team")
    client.get(child.url)
    # The content version (a database read in the test settings) and the page itself: no
    # query per level of the tree, none for the site, the restrictions or the settings.
    assert count_queries(client, child.url) <= 3
    assert "Team" in client.get(child.url).content.decode()


def test_an_unpublished_page_is_not_served_but_its_published_children_are(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Concept ouder")
    child = StandardPageFactory(parent=parent, title="Gepubliceerd kind")
    assert client.get(parent.url).status_code == 200
    parent.unpublish()
    assert client.get(parent.url).status_code == 404
    response = client.get(child.url)
    assert response.status_code == 200 and "Gepubliceerd kind" in response.content.decode()


def test_unknown_paths_are_404(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Bestaat")
    assert client.get(page.url + "bestaat-niet/").status_code == 404
    assert client.get("/bestaat-niet/ook-niet/").status_code == 404


def test_a_routable_page_answers_its_own_sub_paths_before_a_child_of_that_name(client, home_page):
    manifest = ManifestPage.objects.get()
    actions_path = manifest.reverse_subpage("actions").strip("/")
    StandardPageFactory(parent=manifest, title="Schaduw", slug=actions_path)
    response = client.get(manifest.url + actions_path + "/")
    assert response.status_code == 200
    # The manifest's own list of actions, not the child page that has the same slug.
    assert response.context["page"].pk == manifest.pk
    assert "manifest/manifest_actions.html" in [t.name for t in response.templates]


def test_a_child_of_a_routable_page_is_served(client, home_page):
    agenda = EventIndexPage.objects.live().first()
    child = agenda.get_children().live().first().specific
    response = client.get(child.url)
    assert response.status_code == 200
    assert response.context["page"] == child


def answer(page, path):
    """The route result for `path` below `page`, comparable across page instances, or the
    exception raised."""
    try:
        routed, args, kwargs = page.route(None, [part for part in path.split("/") if part])
    except Exception as error:  # noqa: BLE001 - the comparison below is about exactly this
        return type(error)
    view = args[0].__name__ if args else None
    return type(routed), routed.pk, view, args[1:] and (args[1], args[2]), kwargs


@pytest.mark.parametrize(
    "path",
    [
        "",
        "manifest/",
        "manifest/acties/",
        "manifest/ondertekenaars/",
        "agenda/",
        "agenda/feed.ics",
        "partners/",
        "campussen/",
        "bestaat-niet/",
        "manifest/bestaat/niet/",
        "over-het-manifest/",
    ],
)
def test_the_walk_answers_as_wagtails_own_routing(home_page, monkeypatch, path):
    ours = answer(home_page, path)
    # Wagtail's own routing, level by level in the database.
    monkeypatch.setattr(
        pagetree.TreeRoutedPage,
        "route",
        lambda page, request, parts: Page.route(page, request, parts),
    )
    assert answer(home_page, path) == ours


def test_the_walk_answers_as_wagtail_for_event_and_partner_pages(home_page, monkeypatch):
    from partners.models import Partner

    agenda = EventIndexPage.objects.live().first()
    event = agenda.get_children().live().first()
    partner = Partner.objects.filter(live=True).first()
    paths = [event.url, partner.get_absolute_url(), event.url + "aanmelden/", event.url + "x/"]
    ours = [answer(home_page, path) for path in paths]
    monkeypatch.setattr(
        pagetree.TreeRoutedPage,
        "route",
        lambda page, request, parts: Page.route(page, request, parts),
    )
    assert [answer(home_page, path) for path in paths] == ours


def test_a_restricted_page_and_its_children_ask_for_a_password(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Besloten")
    child = StandardPageFactory(parent=page, title="Besloten kind")
    assert client.get(child.url).status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim123456"
    )
    for url in (page.url, child.url):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Besloten kind" not in html and 'name="password"' in html


def test_an_alias_of_a_restricted_page_is_restricted_too(client, home_page):
    source = StandardPageFactory(parent=home_page, title="Bron")
    alias = source.create_alias(parent=home_page, update_slug="bron-alias")
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(alias.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_restricted_pages_leave_public_listings(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Ouder")
    StandardPageFactory(parent=parent, title="Open kind")
    hidden = StandardPageFactory(parent=parent, title="Verborgen kind")
    assert "Verborgen kind" in client.get(parent.url).content.decode()
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(parent.url).content.decode()
    assert "Open kind" in html and "Verborgen kind" not in html


def test_a_moved_page_is_served_at_its_new_url_at_once(client, home_page):
    first = StandardPageFactory(parent=home_page, title="Eerste")
    second = StandardPageFactory(parent=home_page, title="Tweede")
    page = StandardPageFactory(parent=first, title="Verhuizer")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.move(second, pos="last-child")
    page.refresh_from_db()
    # Wagtail leaves a redirect at the old URL.
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == page.url
    assert client.get(page.url).status_code == 200


def test_a_deleted_page_is_gone_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Weg")
    url = page.url
    assert client.get(url).status_code == 200
    page.delete()
    assert client.get(url).status_code == 404


def test_a_changed_site_setting_shows_on_the_next_request(client, home_page, site):
    client.get("/")
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Provincie Proef"
    settings.save()
    assert "Provincie Proef" in client.get("/").content.decode()


def test_important_pages_link_without_a_query_per_page(client, home_page, site):
    important = ImportantPages.for_site(site)
    assert important.privacy_page is not None
    client.get("/")
    request = client.get("/").wsgi_request
    copy = ImportantPages.for_request(request)
    # Each request its own copy, with the chosen pages already loaded.
    assert copy is not ImportantPages.for_request(client.get("/").wsgi_request)
    assert "privacy_page" in copy._state.fields_cache
