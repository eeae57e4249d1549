"""On PostgreSQL the full text is stemmed as Dutch: an inflected word finds its stem.

SQLite's FTS5 has no Dutch stemmer; the directory there relies on prefixes and typo
suggestions (tests/partners/test_directory_view.py), so these tests run on PostgreSQL only.
"""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from partners.factories import PartnerFactory
from partners.models import Partner, PartnerIndexPage
from tests.partners.directory import CARD_LINK

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's (DATABASE_URL)"
)


@pytest.fixture
def training_partner(db):
    # "opleiding" and "opleidingen" share the Dutch stem "opleid"; the English stemmer used
    # without the setting keeps them apart, and no prefix of the query matches the word.
    return PartnerFactory(
        name="Zaanse Vakschool", short_description="Erkende opleiding voor de procesindustrie."
    )


def test_the_search_backend_stems_dutch(training_partner):
    found = get_search_backend().search("opleidingen", Partner.objects.all())
    assert training_partner in list(found)


def test_the_directory_finds_an_inflected_word(client, home_page, training_partner):
    directory = PartnerIndexPage.objects.get()
    response = client.get(directory.url, {"q": "opleidingen"})
    assert training_partner.slug in CARD_LINK.findall(response.content.decode())
