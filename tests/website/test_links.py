"""Links come from routes and from the pages editors chose, never from written-out paths: an
editor who renames a page's slug breaks nothing."""

import re
from urllib.parse import urlsplit

import pytest

from core.models import ImportantPages

ANCHOR = re.compile(r'<a\s[^>]*href="([^"#]+)"')
RENAMED = {"manifest": "ons-manifest", "privacy": "privacybeleid", "contact": "contact-opnemen"}


def internal_links(html):
    links = {urlsplit(href.replace("&amp;", "&")) for href in ANCHOR.findall(html)}
    return sorted(
        link.path + (f"?{link.query}" if link.query else "")
        for link in links
        if not link.scheme and not link.netloc and link.path.startswith("/")
    )


@pytest.fixture
def renamed(home_page):
    for slug, new_slug in RENAMED.items():
        page = home_page.get_children().get(slug=slug).specific
        page.slug = new_slug
        page.save_revision().publish()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ons-manifest/",
        "/ons-manifest/ondertekenen/",
        "/ons-manifest/ondertekenaars/",
        "/ons-manifest/acties/",
        "/agenda/",
    ],
)
def test_every_link_works_after_pages_are_renamed(client, renamed, path):
    response = client.get(path)
    assert response.status_code == 200
    links = internal_links(response.content.decode())
    assert links
    for link in links:
        assert not link.startswith(("/manifest/", "/privacy/", "/contact/")), link
        assert client.get(link).status_code == 200, f"{link} on {path}"


def test_the_footer_and_forms_link_to_the_renamed_service_pages(client, renamed):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert 'href="/privacybeleid/"' in footer and 'href="/contact-opnemen/"' in footer
    sign_form = client.get("/ons-manifest/ondertekenen/").content.decode()
    assert 'href="/privacybeleid/"' in sign_form


def test_service_links_follow_the_pages_chosen_in_the_settings(client, home_page, site):
    about = home_page.get_children().get(slug="over-het-manifest")
    important = ImportantPages.for_site(site)
    important.privacy_page = about
    important.save()
    assert 'href="/over-het-manifest/">privacyverklaring' in (
        client.get("/manifest/ondertekenen/").content.decode()
    )


def test_an_unchosen_service_page_leaves_no_broken_link(client, home_page, site):
    important = ImportantPages.for_site(site)
    important.privacy_page = None
    important.save()
    html = client.get("/manifest/ondertekenen/").content.decode()
    assert "Lees in de privacyverklaring wat we met uw gegevens doen" in html


def test_a_renamed_page_is_linked_by_its_new_address_at_once(client, home_page):
    """Page URLs are remembered (core.links); publishing a page forgets them."""
    assert 'href="/partners/' in client.get("/campussen/techport/").content.decode()
    directory = home_page.get_children().get(slug="partners").specific
    directory.slug = "partnergids"
    directory.save_revision().publish()
    html = client.get("/campussen/techport/").content.decode()
    assert 'href="/partnergids/' in html and 'href="/partners/' not in html
