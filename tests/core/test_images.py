"""One alt-text rule: an override where the context needs one, else the image library's
description; an image with neither is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from events.models import EventPage


def image(description=""):
    return Image.objects.create(
        title="Werkplaats", file=get_test_image_file(), description=description
    )


def test_an_image_without_any_alt_text_is_refused(campus):
    campus.hero_image = image()
    with pytest.raises(ValidationError) as refused:
        campus.full_clean()
    assert "hero_image_alt" in refused.value.message_dict


def test_the_library_description_is_the_default(client, campus):
    campus.hero_image = image(description="Leerlingen aan een draaibank")
    campus.full_clean()
    campus.save_revision().publish()
    assert 'alt="Leerlingen aan een draaibank"' in client.get(campus.url).content.decode()


def test_an_override_wins(client, campus):
    campus.hero_image = image(description="Leerlingen aan een draaibank")
    campus.hero_image_alt = "De werkplaats van Techport in Velsen"
    campus.full_clean()
    campus.save_revision().publish()
    html = client.get(campus.url).content.decode()
    assert 'alt="De werkplaats van Techport in Velsen"' in html


def test_an_event_reports_the_missing_alt_text_with_its_other_errors(home_page):
    event = EventPage.objects.live().first()
    event.image = image()
    event.slug = "archief"
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert {"image_alt", "slug"} <= set(refused.value.message_dict)


def test_alt_text_is_never_prefilled_with_the_title(admin_client, db):
    upload = Image.objects.create(title="IMG_2041.jpg", file=get_test_image_file())
    assert upload.default_alt_text == ""
    chosen = admin_client.get(reverse("wagtailimages_chooser:chosen", args=[upload.pk]))
    assert chosen.json()["result"]["default_alt_text"] == ""
    described = image(description="Leerlingen aan een draaibank")
    assert described.default_alt_text == "Leerlingen aan een draaibank"


def test_a_logo_uploaded_from_the_partner_editor_goes_to_the_logo_collection(db):
    from partners.factories import PartnerFactory
    from partners.logos import LOGO_COLLECTION

    root = Collection.get_first_root_node()
    upload = Image.objects.create(title="logo", file=get_test_image_file(), collection=root)
    elsewhere = Image.objects.create(
        title="foto", file=get_test_image_file(), collection=root.add_child(name="Foto's")
    )
    PartnerFactory(logo=upload)
    PartnerFactory(logo=elsewhere)
    upload.refresh_from_db()
    elsewhere.refresh_from_db()
    assert upload.collection.name == LOGO_COLLECTION
    assert elsewhere.collection.name == "Foto's"


def test_logos_waiting_for_moderation_are_not_offered_in_the_chooser(admin_client, db):
    from manifest.signing import PROPOSED_LOGO_COLLECTION
    from partners.logos import collection_named

    proposed = Image.objects.create(
        title="Ingestuurd logo",
        file=get_test_image_file(),
        collection=collection_named(PROPOSED_LOGO_COLLECTION),
    )
    html = admin_client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert proposed.title not in html
