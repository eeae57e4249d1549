"""Signing as an organisation does (the form's data, the link in the confirmation mail), and
signatures as the public form stores them, for the tests of moderating, the wall and the
caches that show them."""

import itertools

from django.core import mail
from django.utils import timezone
from wagtail.images import get_image_model

from manifest.models import Signature, SignatureState
from tests.images import png_upload
from tests.mails import link_path


def logo(name="logo"):
    return get_image_model().objects.create(title=f"Logo {name}", file=png_upload(f"{name}.png"))


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


SIGN_URL = "/manifest/ondertekenen/"


def form_data(**overrides):
    return {
        "organisation_name": "Duinzicht Elektrotechniek",
        "kind": "bedrijfsleven",
        "website": "https://duinzicht.example.nl/",
        "signer_name": "Piet Jansen",
        "signer_role": "Eigenaar",
        "statement": "Wij leiden graag vakmensen op.",
        "contact_email": "piet@duinzicht.example.nl",
        "privacy_consent": "on",
        "logo": png_upload(),
    } | overrides


def confirm_link_from_mail():
    return link_path(mail.outbox[-1], f"{SIGN_URL}bevestigen/")
