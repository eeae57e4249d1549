"""Organisations' logos: stored apart from editorial images, under names nobody chose, and
generated tiles for demo organisations."""

import io
import uuid

import willow
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

LOGO_COLLECTION = "Logo's van organisaties"

PALETTE = ["#0a4a7f", "#1e6b34", "#7a2e8c", "#b3261e", "#006d77", "#5c4d00"]


def collection_named(name):
    """The image collection of that name under the root, made when missing."""
    # A flushed database (tests, `manage.py flush`) lacks the root that Wagtail's migrations make.
    root = Collection.get_first_root_node() or Collection.add_root(name="Algemeen")
    return Collection.objects.filter(name=name).first() or root.add_child(name=name)


def logo_collection():
    return collection_named(LOGO_COLLECTION)


def adopt_logo(image_id):
    """Move a logo uploaded from the partner editor, which puts uploads in the root collection,
    into the logo collection; an image an editor filed elsewhere stays there."""
    images = get_image_model().objects.filter(pk=image_id, collection__depth=1)
    if images.exists():
        images.update(collection=logo_collection())


def store_logo(uploaded, organisation_name, collection):
    """Keep an upload as a Wagtail image under a generated name in `collection`.

    Only renditions (re-encoded by Pillow) are ever shown; the random name keeps the original
    out of reach.
    """
    # LogoField has already opened the file with Willow; other callers get it opened here.
    image = getattr(uploaded, "image", None) or willow.Image.open(uploaded)
    uploaded.seek(0)
    extension = image.format_name.replace("jpeg", "jpg")
    uploaded.name = f"{uuid.uuid4().hex}.{extension}"
    return get_image_model().objects.create(
        title=f"Logo {organisation_name}"[:255], file=uploaded, collection=collection
    )


def initials(name):
    words = [word for word in name.replace("(demo)", "").split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


def generated_logo(name):
    """A 480x240 PNG logo as a Django file, named after nothing the visitor sent."""
    image = Image.new("RGB", (480, 240), PALETTE[sum(map(ord, name)) % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=120)
    draw.text((240, 120), initials(name), fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return ImageFile(buffer, name="logo.png")
