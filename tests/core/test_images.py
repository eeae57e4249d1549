"""One alt-text rule: an override where the context needs one, else the image library's
description; an image with neither is refused."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from campuses.models import CampusPage
from events.models import EventPage


@pytest.fixture
def campus(home_page):
    return CampusPage.objects.get(slug="techport")


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
