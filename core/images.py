"""The alt text rule (docs/architecture.md, "Images"): an override where the context needs one,
else Wagtail's image description; templates write alt="" only for decoration. Renditions made
in code, which survive a lost original file. And the clean-up of images that only existed for
something that is gone."""

import logging

from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import ReferenceIndex

logger = logging.getLogger(__name__)


def alt_text(image, override=""):
    if image is None:
        return ""
    return (override or "").strip() or (image.description or "").strip()


def rendition_or_none(image, spec):
    """The rendition of `image` for `spec`, or None when there is no image or its original
    file cannot be read (lost from storage, an object-storage hiccup): the caller then does
    without the image, as Wagtail's {% image %} tag does, instead of failing the whole page
    or API answer. The warning names the image so operators can restore its file."""
    if image is None:
        return None
    try:
        return image.get_rendition(spec)
    except SourceImageIOError as error:
        logger.warning(
            "Image %s has no readable original file %s, left out: %s",
            image.pk,
            image.file.name,
            error,
        )
        return None


def delete_unreferenced(image_ids):
    """Delete the images of `image_ids` that nothing refers to any more (Wagtail's reference
    index covers pages, snippets and settings), with their renditions and files. The caller
    leaves out images its own models still use. Returns how many were deleted."""
    deleted = 0
    for image in get_image_model().objects.filter(pk__in=set(image_ids)):
        if not ReferenceIndex.get_references_to(image).exists():
            image.delete()
            deleted += 1
    return deleted


def never_prefill_alt_text_with_the_title():
    """Wagtail's default alt text falls back to the image's title, the file name of an upload
    ("IMG_2041.jpg"), and pre-fills alt text fields with it; here it is the description or
    nothing, so an editor writes it. `default_alt_text` is Wagtail's documented point to
    override; the site uses Wagtail's own image model, so it is set on the abstract model."""
    from wagtail.images.models import AbstractImage

    AbstractImage.default_alt_text = property(alt_text)
