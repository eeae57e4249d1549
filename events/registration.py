"""Registering for an event on this site: capacity without overbooking, the waitlist, and the
e-mails. Views and the admin call these."""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.pages import subpage_url
from core.tokens import hash_token, new_token

from .models import Registration, RegistrationState

logger = logging.getLogger(__name__)


class AlreadyRegistered(Exception):
    pass


def _locked(event):
    """The event row, locked until the transaction ends: concurrent registrations for one
    event queue here (PostgreSQL row lock; SQLite takes its write lock at BEGIN IMMEDIATE)."""
    return type(event).objects.select_for_update(of=("self",)).get(pk=event.pk)


def _fits(event, places):
    return event.places_taken() + places <= event.capacity


def register(event, data):
    """Store a registration, confirmed if it fits and nobody waits, else on the waitlist.

    Returns (registration, token); the token is the registrant's key to their registration
    and is stored only as a hash. Raises AlreadyRegistered for a second active registration
    with the same e-mail address.
    """
    token, token_hash = new_token()
    try:
        with transaction.atomic():
            event = _locked(event)
            if event.registrations.active().filter(email=data["email"]).exists():
                raise AlreadyRegistered
            registration = Registration(
                event=event,
                privacy_consent_at=timezone.now(),
                token_hash=token_hash,
                **data,
            )
            fits = not event.registrations.waitlist().exists() and _fits(
                event, registration.party_size
            )
            registration.state = (
                RegistrationState.CONFIRMED if fits else RegistrationState.WAITLISTED
            )
            registration.save()
    except IntegrityError:
        # The unique constraint caught a double submit that raced past the check above.
        raise AlreadyRegistered from None
    return registration, token


def promote_waitlist(event):
    """Confirm waitlisted registrations in order while they fit; returns those promoted.

    Strictly first come, first served: a large class at the head of the list is not skipped
    for a smaller one behind it.
    """
    promoted = []
    with transaction.atomic():
        event = _locked(event)
        # The same rule as for new registrations: nobody is invited to a cancelled or past event.
        if not event.capacity or event.registration_closed_reason():
            return []
        free = event.capacity - event.places_taken()
        for registration in event.registrations.waitlist():
            if registration.places > free:
                break
            free -= registration.places
            # A fresh key, so the e-mail can carry a working cancel link (only hashes are kept).
            token, token_hash = new_token()
            registration.mark_promoted(token_hash)
            promoted.append((registration, token))
    for registration, token in promoted:
        _send(
            registration,
            "registration_promoted",
            f"U bent van de wachtlijst: u kunt komen naar {event.title}",
            manage_url=manage_url(registration, token),
        )
    return [registration for registration, _ in promoted]


def cancel(registration):
    """Cancel a registration and give its places to the waitlist. False if already cancelled."""
    with transaction.atomic():
        _locked(registration.event)
        registration.refresh_from_db()
        if registration.is_cancelled:
            return False
        registration.mark_cancelled()
    promote_waitlist(registration.event)
    return True


def delete_registration(registration):
    """Delete a registration (its registrant asked us to erase it) and give its places to the
    waitlist, as a cancellation does. Returns the registrations promoted."""
    with transaction.atomic():
        _locked(registration.event)
        registration.delete()
    return promote_waitlist(registration.event)


def find_registration(event, token):
    return (
        event.registrations.select_related("session").filter(token_hash=hash_token(token)).first()
    )


def manage_url(registration, token):
    return urljoin(
        settings.WAGTAILADMIN_BASE_URL, subpage_url(registration.event, "registration", token)
    )


def _send(registration, template, subject, **context):
    """Send one e-mail about a registration; a failure is logged and never undoes anything."""
    body = render_to_string(
        f"events/email/{template}.txt",
        {
            "registration": registration,
            "event": registration.event,
            "site_name": settings.WAGTAIL_SITE_NAME,
            **context,
        },
    )
    try:
        send_mail(subject, body, None, [registration.email])
    except Exception:  # the registration stands whatever the mail server does
        logger.exception("Could not send %s for registration %s", template, registration.pk)
        return False
    return True


def send_registration_mail(registration, token):
    confirmed = registration.state == RegistrationState.CONFIRMED
    return _send(
        registration,
        "registration_received",
        f"Aanmelding {registration.event.title}"
        + ("" if confirmed else ": u staat op de wachtlijst"),
        manage_url=manage_url(registration, token),
    )
