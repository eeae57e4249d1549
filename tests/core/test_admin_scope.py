"""Staff see in Wagtail's shared admin screens (choosers, bulk actions, reports) only what their
role lets them see elsewhere: no registrant, draft, private page or unapproved organisation of
someone else's (core/permissions.py, `visible_instances`)."""

from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from manifest.signing import PROPOSED_LOGO_COLLECTION
from partners.logos import collection_named
from tests.roles import REDACTEUR, logged_in, user_with_role


def test_searching_the_image_chooser_works_and_hides_proposed_logos(client, home_page):
    images = get_image_model().objects
    images.create(title="Logo Werkplaats", file=get_test_image_file())
    images.create(
        title="Logo Geheime Organisatie",
        file=get_test_image_file(),
        collection=collection_named(PROPOSED_LOGO_COLLECTION),
    )
    logged_in(client, user_with_role(REDACTEUR, "redacteur"))
    for url in ["wagtailimages_chooser:choose", "wagtailimages_chooser:choose_results"]:
        response = client.get(reverse(url), {"q": "Logo"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Logo Werkplaats" in html
        assert "Geheime Organisatie" not in html
