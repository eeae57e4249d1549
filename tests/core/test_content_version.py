"""The content version changes only with what public pages show (core/pagecache.py): a visitor
who logs in wrongly, follows a listing, reads the open data or sends a signature that nobody
has approved yet cannot empty the page cache."""

import pytest
from django.urls import reverse

from core import pagecache
from manifest.models import ManifestPage, SignatureState
from partners.factories import PartnerFactory
from tests.manifest.signatures import SIGN_URL, confirm_link_from_mail, form_data, make_signature


@pytest.fixture
def version(db):
    pagecache.stored_version()  # there is a version before the requests start
    return pagecache.stored_version


def test_logins_alerts_and_open_data_leave_the_version_alone(client, home_page, version, settings):
    settings.ALERT_SUBSCRIPTIONS_PER_HOUR = 100
    settings.API_REQUESTS_PER_MINUTE = 1000
    before = version()
    login = reverse("wagtailadmin_login")
    for number in range(50):
        client.post(login, {"username": f"gebruiker{number % 3}", "password": "fout"})
    for number in range(10):
        response = client.post(
            reverse("alerts:subscribe"),
            {
                "email": f"ouder{number}@example.nl",
                "frequency": "wekelijks",
                "privacy_consent": "on",
                "bron": "agenda",
                "filter": "soort=pet",
            },
        )
        assert response.status_code == 303
    for _ in range(100):
        assert client.get(reverse("api:list", args=["partners"])).status_code == 200
    assert version() == before


def test_a_signature_changes_the_version_only_once_approved(db, version, admin_user):
    before = version()
    signature = make_signature(state=SignatureState.UNCONFIRMED)
    signature.state = SignatureState.CONFIRMED
    signature.save()
    assert version() == before
    signature.approve(admin_user)
    assert version() != before


def test_content_changes_the_version(db, version):
    before = version()
    PartnerFactory()
    after_partner = version()
    assert after_partner != before
    manifest = ManifestPage.objects.get()
    manifest.title = "Het manifest, herzien"
    manifest.save_revision().publish()
    assert version() != after_partner


def test_an_attacker_cannot_empty_the_page_cache(client, home_page, version, settings):
    """Failed logins (also those refused with 429), alert subscriptions and signing attempts,
    valid or not, confirmed or not, leave a cached page in the cache."""
    settings.PAGE_CACHE_ENABLED = True
    settings.ALERT_SUBSCRIPTIONS_PER_HOUR = 100
    settings.SIGNATURE_SUBMISSIONS_PER_HOUR = 100
    actions = "/manifest/acties/"
    assert client.get(actions)["X-Page-Cache"] == "miss"
    before = version()
    answers = [
        client.post(reverse("wagtailadmin_login"), {"username": "beheer", "password": "fout"})
        for _ in range(3 * settings.AXES_FAILURE_LIMIT)
    ]
    assert {answer.status_code for answer in answers} == {200, 429}
    for number in range(5):
        subscribed = client.post(
            reverse("alerts:subscribe"),
            {
                "email": f"ouder{number}@example.nl",
                "frequency": "wekelijks",
                "privacy_consent": "on",
                "bron": "agenda",
                "filter": "soort=pet",
            },
        )
        assert subscribed.status_code == 303
        name = f"Aanvaller {number} BV"
        email = f"aanvaller{number}@example.nl"
        signed = client.post(SIGN_URL, form_data(organisation_name=name, contact_email=email))
        assert signed.status_code == 303
        assert client.get(confirm_link_from_mail()).status_code in (200, 302, 303)
        assert client.post(SIGN_URL, form_data(website="geen adres")).status_code == 400
    assert version() == before
    client.cookies.clear()  # the visitor the page cache serves carries no session
    assert client.get(actions)["X-Page-Cache"] == "hit"
