"""The sign-the-manifest flow: store first, then e-mail; recognise an organisation that
already signed; moderation notifications. Views call these; so does the admin."""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from core.links import routed_url
from core.tokens import hash_token
from partners.logos import store_logo
from partners.models import Partner

from . import models as manifest_models
from .models import Signature, SignatureState

logger = logging.getLogger(__name__)


class AlreadySigned(Exception):
    def __init__(self, partner):
        super().__init__(partner.name)
        self.partner = partner


def existing_signature(partner):
    return partner.signatures.exclude(state=SignatureState.REJECTED).first()


def unique_slug(name):
    base = slugify(name)[:200] or "organisatie"
    slug, number = base, 1
    while Partner.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def sign_manifest(data, manifest_revision=None):
    """Store a new, unconfirmed signature with its (draft) partner, or raise AlreadySigned.

    The partner lookup and the inserts run in one transaction, and unique constraints on the
    partner's name key and website domain and on one live signature per partner make
    concurrent attempts for the same organisation end in one signature.
    """
    try:
        with transaction.atomic():
            partner = (
                Partner.objects.select_for_update()
                .matching(data["organisation_name"], data["website"])
                .first()
            )
            if partner is not None and existing_signature(partner):
                raise AlreadySigned(partner)
            if partner is None:
                partner = Partner(
                    name=data["organisation_name"],
                    slug=unique_slug(data["organisation_name"]),
                    kind=data["kind"],
                    website=data["website"],
                    live=False,
                )
                partner.save()
                partner.education_levels = data.get("education_levels") or []
                partner.regions = [data["region"]] if data.get("region") else []
                partner.save()
            if data.get("logo") and not partner.logo_id:
                partner.logo = store_logo(data["logo"], partner.name)
                partner.save(update_fields=["logo"])
            return Signature.objects.create(
                partner=partner,
                signer_name=data["signer_name"],
                signer_role=data.get("signer_role", ""),
                statement=data.get("statement", ""),
                contact_email=data["contact_email"],
                privacy_consent_at=timezone.now(),
                manifest_revision=manifest_revision,
            )
    except IntegrityError:
        # Someone signed for the same organisation at the same moment and won the race.
        partner = Partner.objects.matching(data["organisation_name"], data["website"]).first()
        if partner is None:
            raise
        raise AlreadySigned(partner) from None


def absolute_route_url(route, *args):
    """A route of the manifest page as a full URL, for e-mails. The page module is loaded
    after this one (models/__init__.py), so it is reached through the package at call time."""
    url = routed_url(manifest_models.ManifestPage, route, *args)
    if not url:
        raise ImproperlyConfigured("There is no live manifest page to link to.")
    return urljoin(settings.WAGTAILADMIN_BASE_URL, url)


def _mail(signature, template, subject, **context):
    body = render_to_string(
        f"manifest/email/{template}.txt",
        {"signature": signature, "site_url": settings.WAGTAILADMIN_BASE_URL, **context},
    )
    send_mail(subject, body, None, [signature.contact_email])


def send_confirmation(signature):
    """E-mail a fresh confirmation link. Returns False, and records why, if the mail failed:
    the signature itself is already stored and staff can re-send it from the admin."""
    token = signature.new_confirmation_token()
    signature.save(update_fields=["confirmation_token_hash", "confirmation_sent_at"])
    try:
        _mail(
            signature,
            "signature_confirm",
            "Bevestig de ondertekening van het manifest",
            confirm_url=absolute_route_url("sign_confirm", token),
        )
    except Exception as error:  # any mail failure must keep the submission
        logger.exception("Could not send the confirmation e-mail for signature %s", signature.pk)
        signature.confirmation_error = f"{timezone.now():%Y-%m-%d %H:%M}: {error}"[:1000]
        signature.save(update_fields=["confirmation_error"])
        return False
    signature.confirmation_error = ""
    signature.save(update_fields=["confirmation_error"])
    return True


def find_by_token(token):
    return (
        Signature.objects.select_related("partner")
        .filter(confirmation_token_hash=hash_token(token))
        .first()
    )


def notify_moderation(signature):
    """Tell the signer the outcome; a mail failure is logged, the decision stands."""
    approved = signature.state == SignatureState.APPROVED
    try:
        _mail(
            signature,
            "signature_approved" if approved else "signature_rejected",
            "Uw ondertekening van het manifest is goedgekeurd"
            if approved
            else "Uw ondertekening van het manifest",
            signatories_url=absolute_route_url("signatories"),
        )
    except Exception:  # the decision stands whatever the mail server does
        logger.exception("Could not send the moderation e-mail for signature %s", signature.pk)
        return False
    return True
