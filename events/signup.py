"""Signing up for an event on this site: confirming the address, places per date without
overbooking, the waitlist, and the e-mails."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core import mail
from core.links import absolute_url
from core.pages import subpage_url
from core.tokens import new_token

from .calendar import build_calendar
from .models import Registration, RegistrationState

logger = logging.getLogger(__name__)


def _locked(session):
    """The session row, locked until the transaction ends: concurrent confirmations for one
    date queue here (PostgreSQL row lock; SQLite takes its write lock at BEGIN IMMEDIATE).
    Places and waitlist are per date, so confirmations for other dates do not wait."""
    return type(session).objects.select_for_update().select_related("event").get(pk=session.pk)


def sign_up(event, data):
    """Store an unconfirmed registration for one date of `event` (`data["session"]`) and
    mail its address the link to confirm it: it takes no place until then (`confirm`). An
    earlier unconfirmed one with the same address for this event is replaced, so neither a
    corrected form nor an address someone else typed in locks the address out. An address
    already confirmed or waitlisted for this event gets a mail saying so, with the way to
    its registration, and nothing is stored: the form answers the same either way, or it
    would tell anyone who typed an address whether its owner comes.

    The mail counts against the cap per address (core.mail) before anything is stored: a
    submission whose mail the cap would stop changes nothing, or whoever knows an address
    could replace its pending registration until the mails stop, leaving only dead links.
    Counting is one atomic increment, so of parallel submissions only those within the cap
    replace anything.

    Returns whether the mail server took the mail; True also when the cap held it back, as
    the form then answers as always.
    """
    if not mail.within_cap(data["email"]):
        logger.warning("Sign-up not stored: the address had its share of mails this hour")
        return True
    token, token_hash = new_token()
    try:
        with transaction.atomic():
            registrations = event.registrations.filter(email=data["email"])
            registrations.filter(state=RegistrationState.UNCONFIRMED).delete()
            signed_up = registrations.active().first()
            if signed_up is None:
                registration = Registration.objects.create(
                    event=event,
                    state=RegistrationState.UNCONFIRMED,
                    privacy_consent_at=timezone.now(),
                    token_hash=token_hash,
                    **data,
                )
    except IntegrityError:
        # The unique constraint caught a double submit that raced past the check above: the
        # submission that got in first mails the address.
        return True
    if signed_up is not None:
        return _send_already_signed_up(signed_up)
    return _send_confirmation_request(registration, token)


def confirm(registration):
    """The registrant confirmed their address: the registration takes its places if they fit
    on its date and nobody waits there, else it joins that date's waitlist. False if it was
    not waiting for confirmation, or its date is over (the same rule as for promotion)."""
    with transaction.atomic():
        [session] = _dates_of(registration) or [None]
        registration.refresh_from_db()
        if not registration.is_unconfirmed or (session is not None and session.is_over):
            return False
        # A date without a maximum (the editor requires one; old data) takes everyone.
        fits = (
            session is not None
            and not session.registrations.waitlist().exists()
            and (
                not session.has_maximum
                or session.places_taken() + registration.places <= session.capacity
            )
        )
        registration.state = RegistrationState.CONFIRMED if fits else RegistrationState.WAITLISTED
        registration.save(update_fields=["state", "confirmed_at"])
    return True


def expire_holds():
    """Delete the registrations whose address was not confirmed in time. They held no place,
    so the waitlist does not move; nobody confirmed the address, so nothing of it is kept."""
    expired, _ = Registration.objects.expired_holds().delete()
    return f"{expired} niet bevestigde aanmelding(en) vervallen."


def promote_waitlist(sessions):
    """Confirm the waitlisted registrations of each of `sessions` in order while they fit and
    mail them; returns those promoted.

    Strictly first come, first served on each date: a large class at the head of a date's
    list is not skipped for a smaller one behind it.
    """
    promoted = [pair for session in sessions for pair in _promote_session(session)]
    for registration, token in promoted:
        subject = f"U bent van de wachtlijst: u kunt komen naar {registration.event.title}"
        _send(registration, token, "registration_promoted", subject)
    return [registration for registration, _ in promoted]


def _promote_session(session):
    promoted = []
    with transaction.atomic():
        session = _locked(session)
        # The same rule as for new registrations: nobody is invited to a cancelled or past date.
        if not session.has_maximum or session.is_over or session.event.registration_closed_reason():
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


def _dates_of(registration):
    """The date a registration holds places on, locked; none when its date was deleted."""
    return [_locked(registration.session)] if registration.session_id else []


def cancel(registration):
    """Cancel a registration and give its places to its date's waitlist. Returns the
    registrations promoted, or None when it was already cancelled."""
    with transaction.atomic():
        dates = _dates_of(registration)
        registration.refresh_from_db()
        if registration.is_cancelled:
            return None
        registration.mark_cancelled()
    return promote_waitlist(dates)


def delete_registration(registration):
    """Delete a registration (its registrant asked us to erase it) and give its places to the
    waitlist, as a cancellation does. Returns the registrations promoted."""
    with transaction.atomic():
        dates = _dates_of(registration)
        registration.delete()
    return promote_waitlist(dates)


def _send(registration, token, template, subject, **extra):
    """Send one e-mail about a registration, with the link to it; a failure is logged and
    never undoes anything. None is capped here: the mail a public form triggers was counted
    against the cap per address before anything was stored (`sign_up`), and the others
    follow a confirmed address or staff's action."""
    event, session = registration.event, registration.session
    path = subpage_url(event, "registration", token)
    context = {
        "registration": registration,
        "event": event,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "manage_url": absolute_url(path),
        "event_url": absolute_url(event.url),
        "ics_url": absolute_url(event.session_ics_url(session)) if session else "",
        "family_days": [(day, absolute_url(day.url)) for day in event.live_family_days()],
        **extra,
    }
    body = render_to_string(f"events/email/{template}.txt", context)
    # A confirmed place comes with its date as a calendar file, to open in any calendar.
    attachments = []
    if session and registration.state == RegistrationState.CONFIRMED:
        ics = build_calendar([session], event.title, settings.WAGTAILADMIN_BASE_URL)
        attachments.append((session.ics_name, ics, "text/calendar"))
    try:
        mail.send(subject, body, [registration.email], capped=False, attachments=attachments)
    except Exception:  # the registration stands whatever the mail server does
        logger.exception("Could not send %s for registration %s", template, registration.pk)
        return False
    return True


def _send_confirmation_request(registration, token):
    hours = settings.EVENT_REGISTRATION_CONFIRM_HOURS
    subject = f"Bevestig uw aanmelding voor {registration.event.title}"
    return _send(registration, token, "registration_confirm", subject, hours=hours)


def _send_already_signed_up(registration):
    subject = f"U bent al aangemeld voor {registration.event.title}"
    return _send(registration, registration.reminder_key(), "registration_again", subject)


def send_registration_mail(registration, token):
    subject = f"Aanmelding {registration.event.title}"
    if registration.state != RegistrationState.CONFIRMED:
        subject += ": u staat op de wachtlijst"
    return _send(registration, token, "registration_received", subject)


def send_cancellation_mail(registration, token):
    subject = f"Afgemeld: {registration.event.title}"
    return _send(registration, token, "registration_cancelled", subject)
