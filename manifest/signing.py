"""The sign-the-manifest flow: store first, then e-mail; recognise an organisation that
already signed and a double submit; moderation notifications. Views call these; so does the
admin (moderation.py)."""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.permissions import policy_registry

from core import mail
from core.links import absolute_url, routed_url
from partners.logos import collection_named, store_logo
from partners.models import Partner
from partners.normalise import organisation_key

from . import models as manifest_models
from .models import Signature, SignatureState

logger = logging.getLogger(__name__)


# Submitted logos wait here, out of the logo collection, until a moderator approves them.
PROPOSED_LOGO_COLLECTION = "Ingestuurde logo's (nog niet beoordeeld)"
# Wagtail's default URL namespace of the Signature snippet's admin views.
ADMIN_URLS = "wagtailsnippets_manifest_signature"


class AlreadySigned(Exception):
    """The organisation is already a public signatory."""

    def __init__(self, partner):
        super().__init__(partner.name)
        self.partner = partner


def sign_manifest(data, manifest_revision=None):
    """Store a new, unconfirmed signature; nothing in the registry changes. Raises
    AlreadySigned when the organisation is a public signatory already.

    Returns (signature, created). The same person submitting for the same organisation while
    the first submission is open gets that one back, also when the two race (a unique
    constraint makes them one). Someone else's open submission blocks nobody.
    """
    registered = Partner.objects.matching(data["organisation_name"], data["website"])
    signed = registered.live().filter(signatures__state=SignatureState.APPROVED).first()
    if signed is not None:
        raise AlreadySigned(signed)
    earlier = open_submission(data["organisation_name"], data["contact_email"])
    if earlier is not None:
        return earlier, False
    signature = Signature(
        partner=registered.first(),
        organisation_name=data["organisation_name"],
        organisation_kind=data["kind"],
        website=data["website"],
        region=data.get("region"),
        signer_name=data["signer_name"],
        signer_role=data.get("signer_role", ""),
        statement=data.get("statement", ""),
        contact_email=data["contact_email"],
        privacy_consent_at=timezone.now(),
        manifest_revision=manifest_revision,
    )
    try:
        with transaction.atomic():
            if data.get("logo"):
                signature.logo = store_logo(
                    data["logo"],
                    data["organisation_name"],
                    collection_named(PROPOSED_LOGO_COLLECTION),
                )
            signature.save()
            signature.education_levels.set(data.get("education_levels") or [])
    except IntegrityError:
        # The same submission raced past the check above and won.
        earlier = open_submission(data["organisation_name"], data["contact_email"])
        if earlier is None:
            raise
        return earlier, False
    return signature, True


def open_submission(organisation_name, contact_email):
    return Signature.objects.filter(
        organisation_key=organisation_key(organisation_name),
        contact_email=contact_email,
        state__in=[SignatureState.UNCONFIRMED, SignatureState.CONFIRMED],
    ).first()


def absolute_route_url(route, *args):
    """A route of the manifest page as a full URL, for e-mails. The page module is loaded
    after this one (models/__init__.py), so it is reached through the package at call time."""
    url = routed_url(manifest_models.ManifestPage, route, *args)
    if not url:
        raise ImproperlyConfigured("There is no live manifest page to link to.")
    return absolute_url(url)


def _mail(signature, template, subject, capped, **context):
    # With the site's Reply-To: the rejection asks the signer to answer it, if there is one.
    replies = mail.reply_to()
    body = render_to_string(
        f"manifest/email/{template}.txt",
        {
            "signature": signature,
            "site_url": settings.WAGTAILADMIN_BASE_URL,
            "reply_to": replies[0] if replies else "",
            **context,
        },
    )
    mail.send(subject, body, [signature.contact_email], capped=capped)


def send_confirmation(signature, capped=True):
    """E-mail a fresh confirmation link, within the cap per recipient unless staff re-send it
    (`capped` False). Returns False, and records why, if the mail failed: the signature itself
    is already stored and staff can re-send it from the admin.

    The fresh link replaces the one mailed before, so the cap is asked before the token is:
    past it nothing changes and the link mailed last keeps working, as for event sign-ups
    and alerts. True then, as the form answers as always."""
    if capped and not mail.within_cap(signature.contact_email):
        logger.warning("No new link for signature %s: the address had its share", signature.pk)
        return True
    token = signature.new_confirmation_token()
    signature.save(update_fields=["confirmation_token_hash", "confirmation_sent_at"])
    try:
        _mail(
            signature,
            "signature_confirm",
            "Bevestig de ondertekening van het manifest",
            False,  # counted above
            confirm_url=absolute_route_url("sign_confirm", token),
        )
        signature.confirmation_error = ""
    except Exception as error:  # any mail failure must keep the submission
        logger.exception("Could not send the confirmation e-mail for signature %s", signature.pk)
        signature.confirmation_error = f"{timezone.now():%Y-%m-%d %H:%M}: {error}"[:1000]
    signature.save(update_fields=["confirmation_error"])
    return not signature.confirmation_error


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
            False,  # a moderator's decision, once per signature
            signatories_url=absolute_route_url("signatories"),
        )
    except Exception:  # the decision stands whatever the mail server does
        logger.exception("Could not send the moderation e-mail for signature %s", signature.pk)
        return False
    return True


def queue_url():
    """The admin's list of the signatures that await moderation."""
    return reverse(f"{ADMIN_URLS}:list") + f"?state={SignatureState.CONFIRMED}"


def notify_moderators(signature):
    """Tell everyone who may moderate signatures that a confirmed one waits. Returns the number
    of e-mails sent; a failure is logged and the confirmation stands."""
    moderators = policy_registry.get_by_type(Signature).users_with_permission("moderate")
    body = render_to_string(
        "manifest/email/signature_awaiting_moderation.txt",
        {
            "signature": signature,
            "review_url": absolute_url(reverse(f"{ADMIN_URLS}:inspect", args=[signature.pk])),
            "queue_url": absolute_url(queue_url()),
        },
    )
    return mail.send_to_staff(
        moderators, f"Ondertekening wacht op beoordeling: {signature.organisation_name}", body
    )
