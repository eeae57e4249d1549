"""Signatures as the public form stores them, for the tests of moderating, the wall and the
caches that show them."""

import io
import itertools

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from manifest.models import Signature, SignatureState


def logo(name="logo"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 150), "#0a4a7f").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=f"Logo {name}", file=ImageFile(buffer, name=f"{name}.png")
    )


ORGANISATIONS = itertools.count(1)


def make_signature(state=SignatureState.CONFIRMED, with_logo=False, **kwargs):
    """A submission for a new organisation, as the public form stores it."""
    number = next(ORGANISATIONS)
    kwargs.setdefault("organisation_name", f"Golfslag & Zonen {number}")
    return Signature.objects.create(
        organisation_kind="bedrijfsleven",
        website=f"https://golfslag-{number}.example.nl/",
        logo=logo() if with_logo else None,
        signer_name="Fatima de Vries",
        signer_role="Directeur",
        statement="Wij willen meer jongeren laten kiezen voor techniek.",
        contact_email=f"ondertekenaar-{number}@example.nl",
        privacy_consent_at=timezone.now(),
        state=state,
        **kwargs,
    )
