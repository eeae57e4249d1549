"""Too many requests get one answer everywhere: the Dutch 429 page with Retry-After."""

from django.core.cache import cache

from events.models import EventIndexPage
from manifest.models import Signature


def test_the_429_page_says_when_to_try_again(client, home_page, settings):
    cache.clear()
    settings.SIGNATURE_SUBMISSIONS_PER_HOUR = 0
    response = client.post("/manifest/ondertekenen/", {"organisation_name": "Test"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "Even geduld, alstublieft" in html
    assert 'href="/contact/"' in html
    assert not Signature.objects.filter(partner__name="Test").exists()


def test_a_registration_over_the_limit_gets_the_same_page(client, home_page, settings):
    cache.clear()
    settings.EVENT_REGISTRATIONS_PER_HOUR = 0
    agenda = EventIndexPage.objects.get()
    event = (
        agenda.get_children().live().specific().filter(eventpage__registration_mode="site").first()
    )
    response = client.post(f"{event.url}aanmelden/", {})
    assert response.status_code == 429
    assert "Even geduld, alstublieft" in response.content.decode()
    assert response["Retry-After"]
