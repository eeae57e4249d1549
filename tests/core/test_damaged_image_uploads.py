"""A damaged image file (a PNG whose header is whole but whose pixel data is cut short) put into
the admin's image library, by the upload form, the multiple upload or a chooser's upload tab, is
refused with a Dutch message and stores nothing; a whole file goes in as before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.images import png_bytes, truncated_png

pytestmark = pytest.mark.django_db

DAMAGED = "beschadigd"
DESCRIPTION = "Logo van de werkplaats"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/png")


def collection():
    """The initial content has several collections, so the forms ask which one."""
    return Collection.get_first_root_node().pk


def add_view(admin_client, content):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo",
            "description": DESCRIPTION,
            "collection": collection(),
            "file": upload("a.png", content),
        },
    )
    return response, response.content.decode()


def multiple_upload(admin_client, content):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": collection(), "files[]": upload("a.png", content)},
    )
    return response, response.json().get("error_message", "")


def chooser_upload(admin_client, content):
    prefix = "image-chooser-upload"
    response = admin_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            f"{prefix}-title": "Logo",
            f"{prefix}-description": DESCRIPTION,
            f"{prefix}-collection": collection(),
            f"{prefix}-file": upload("a.png", content),
        },
    )
    return response, response.content.decode()


UPLOADS = [add_view, multiple_upload, chooser_upload]


@pytest.mark.parametrize("post", UPLOADS)
def test_a_truncated_png_is_refused_in_dutch_and_not_stored(admin_client, post):
    before = get_image_model().objects.count()

    response, message = post(admin_client, truncated_png(size=(100, 100)))

    assert response.status_code == 200
    assert DAMAGED in message
    assert get_image_model().objects.count() == before


@pytest.mark.parametrize("post", UPLOADS)
def test_a_whole_png_still_goes_in(admin_client, post):
    before = get_image_model().objects.count()

    response, message = post(admin_client, png_bytes(size=(100, 100)))

    assert response.status_code in {200, 302}
    assert DAMAGED not in message
    assert get_image_model().objects.count() == before + 1


def edit(admin_client, image, **files):
    return admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Nieuwe titel", "description": DESCRIPTION, "collection": collection()} | files,
    )


def test_an_image_edited_without_a_new_file_keeps_its_file(admin_client):
    image = get_image_model().objects.create(title="Oud", file=upload("oud.png", png_bytes()))
    original = image.file.name

    assert edit(admin_client, image).status_code == 302

    image.refresh_from_db()
    assert (image.title, image.file.name) == ("Nieuwe titel", original)


def test_a_truncated_png_does_not_replace_an_images_file(admin_client):
    image = get_image_model().objects.create(title="Oud", file=upload("oud.png", png_bytes()))
    original = image.file.name

    response = edit(admin_client, image, file=upload("a.png", truncated_png()))

    assert response.status_code == 200
    assert DAMAGED in response.content.decode()
    image.refresh_from_db()
    assert (image.title, image.file.name) == ("Oud", original)
