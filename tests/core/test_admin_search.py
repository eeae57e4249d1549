"""The admin search covers partners, initiatives, actions, signatures and registrations, each
within the user's rights, and its results header reads as Dutch."""

import re

from django.urls import reverse

from events.factories import EventIndexPageFactory, OnSiteEventFactory, RegistrationFactory
from partners.factories import PartnerFactory
from tests.core.conftest import sign
from tests.roles import MODERATOR, REDACTEUR, logged_in, user_with_role

SEARCH = reverse("wagtailadmin_pages:search")


def areas(html):
    """The other search areas offered, as {label: count}."""
    return {
        label.strip(): int(count)
        for label, count in re.findall(r"</svg>\s*([^<(]+?) \((\d+)\)</a>", html)
    }


def test_a_partner_is_found_from_the_admin_search(admin_client):
    PartnerFactory(name="Lasbedrijf Noord", live=True)
    html = admin_client.get(SEARCH, {"q": "Lasbedrijf"}).content.decode()
    offered = areas(html)
    assert offered["Partners"] == 1
    partners = reverse("wagtailsnippets_partners_partner:list")
    assert f'href="{partners}?q=Lasbedrijf"' in html
    assert {"Initiatieven", "Acties", "Ondertekeningen", "Aanmeldingen"} <= set(offered)


def test_each_role_searches_only_what_it_may_see(client, home_page):
    calendar = EventIndexPageFactory(parent=home_page, title="Testagenda", slug="testagenda")
    event = OnSiteEventFactory(parent=calendar, title="PET Velsen")
    RegistrationFactory(event=event, school_name="Lasschool De Vonk")
    sign(client, "Lasbedrijf Zuid")
    logged_in(client, user_with_role(REDACTEUR, "redacteur"))
    offered = areas(client.get(SEARCH, {"q": "Las"}).content.decode())
    assert "Aanmeldingen" not in offered and "Ondertekeningen" not in offered
    # A Moderator works without pages: the admin's search box opens their first area.
    logged_in(client, user_with_role(MODERATOR, "moderator"))
    signatures = reverse("wagtailsnippets_manifest_signature:list")
    offered = areas(client.get(signatures, {"q": "Las"}).content.decode())
    assert offered["Aanmeldingen"] == 1
    assert offered["Ondertekeningen"] == 1


def test_the_results_header_reads_as_dutch(admin_client):
    html = admin_client.get(SEARCH, {"q": "campus"}).content.decode()
    header = re.search(r"(\d+-\d+ van \d+ [^<.]+)", html)
    assert header, "no results header"
    assert "None" not in header.group(1)
    assert "pagina" in header.group(1)


def test_a_word_begun_counts_what_the_listing_shows(admin_client, home_page):
    from manifest.factories import InitiativeFactory

    InitiativeFactory(title="Techniekfestival Zaandam")
    html = admin_client.get(SEARCH, {"q": "Zaan"}).content.decode()
    initiatives = reverse("wagtailsnippets_manifest_initiative:list")
    listed = admin_client.get(initiatives, {"q": "Zaan"}).context["object_list"]
    assert areas(html)["Initiatieven"] == len(listed) > 0
