"""Registering for an event on this site: capacity without overbooking, the waitlist, and the
e-mails. Views and the admin call these."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core import mail
from core.links import absolute_url
from core.pages import subpage_url
from core.tokens import hash_token, new_token

from .models import Registration, RegistrationState

logger = logging.getLogger(__name__)


class AlreadyRegistered(Exception):
    pass


def _locked(session):
    """The session row, locked until the transaction ends: concurrent registrations for one
    date queue here (PostgreSQL row lock; SQLite takes its write lock at BEGIN IMMEDIATE).
    Capacity and waitlist are per date, so registrations for other dates do not wait."""
    return type(session).objects.select_for_update().select_related("event").get(pk=session.pk)


def _fits(session, places):
    return session.places_taken() + places <= session.capacity


def register(event, data):
    """Store a registration for one date of `event` (`data["session"]`), confirmed if it fits
    on that date and nobody waits for that date, else on that date's waitlist.

    Returns (registration, token); the token is the registrant's key to their registration
    and is stored only as a hash. Raises AlreadyRegistered for a second active registration
    with the same e-mail address for this event.
    """
    token, token_hash = new_token()
    try:
        with transaction.atomic():
            session = _locked(data["session"])
            if event.registrations.active().filter(email=data["email"]).exists():
                raise AlreadyRegistered
            registration = Registration(
                event=event,
                privacy_consent_at=timezone.now(),
                token_hash=token_hash,
                **(data | {"session": session}),
            )
            # A date without a maximum (the editor requires one; old data) takes everyone.
            fits = not session.registrations.waitlist().exists() and (
                not session.has_maximum or _fits(session, registration.party_size)
            )
            registration.state = (
                RegistrationState.CONFIRMED if fits else RegistrationState.WAITLISTED
            )
            registration.save()
    except IntegrityError:
        # The unique constraint caught a double submit that raced past the check above.
        raise AlreadyRegistered from None
    return registration, token


def promote_waitlist(event, session=None):
    """Confirm waitlisted registrations in order while they fit, per date (only `session`'s
    when given); returns those promoted.

    Strictly first come, first served on each date: a large class at the head of a date's
    list is not skipped for a smaller one behind it.
    """
    sessions = [session] if session is not None else list(event.sessions.all())
    promoted = []
    for one in sessions:
        promoted += _promote_session(one)
    for registration, token in promoted:
        _send(
            registration,
            "registration_promoted",
            f"U bent van de wachtlijst: u kunt komen naar {registration.event.title}",
            manage_url=manage_url(registration, token),
        )
    return [registration for registration, _ in promoted]


def _promote_session(session):
    promoted = []
    with transaction.atomic():
        session = _locked(session)
        event = session.event
        # The same rule as for new registrations: nobody is invited to a cancelled or past date.
        if not session.has_maximum or session.is_over or event.registration_closed_reason():
            return []
        free = session.capacity - session.places_taken()
        for registration in session.registrations.waitlist().select_related("event"):
            if registration.places > free:
                break
            free -= registration.places
            # A fresh key, so the e-mail can carry a working cancel link (only hashes are kept).
            token, token_hash = new_token()
            registration.mark_promoted(token_hash)
            promoted.append((registration, token))
    return promoted


def cancel(registration):
    """Cancel a registration and give its places to its date's waitlist. False if already
    cancelled."""
    session = registration.session
    with transaction.atomic():
        if session is not None:
            _locked(session)
        registration.refresh_from_db()
        if registration.is_cancelled:
            return False
        registration.mark_cancelled()
    if session is not None:
        promote_waitlist(registration.event, session)
    return True


def delete_registration(registration):
    """Delete a registration (its registrant asked us to erase it) and give its places to the
    waitlist, as a cancellation does. Returns the registrations promoted."""
    session = registration.session
    with transaction.atomic():
        if session is not None:
            _locked(session)
        registration.delete()
    return promote_waitlist(registration.event, session) if session is not None else []


def find_registration(event, token):
    return (
        event.registrations.select_related("session").filter(token_hash=hash_token(token)).first()
    )


def manage_url(registration, token):
    return absolute_url(subpage_url(registration.event, "registration", token))


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
        mail.send(subject, body, [registration.email])
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
