"""Outgoing e-mail of the site: one way to send, with the Reply-To that site settings name
("E-mail" in Instellingen, `core.MailSettings`), so a visitor who answers a mail that invites
an answer ("Beantwoord dan deze e-mail") reaches a person, not the no-reply sender; and the
notifications to the staff who can act on something."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection

logger = logging.getLogger(__name__)


def reply_to():
    """The Reply-To address list from the default site's settings; empty when none is set."""
    from wagtail.models import Site  # the app registry is ready by the time mail is sent

    from .models import MailSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    address = MailSettings.for_site(site).reply_to_email
    return [address] if address else []


def send(subject, body, to, html=None, headers=None):
    """Send one e-mail to `to` (a list), from DEFAULT_FROM_EMAIL with the Reply-To of the site
    settings: plain text, with `html` as an alternative when given. Raises what the mail
    backend raises; callers decide what a failure means for them."""
    message = EmailMultiAlternatives(subject, body, None, to, reply_to=reply_to(), headers=headers)
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message.send()


def send_to_staff(users, subject, body):
    """One e-mail to each of `users` who has an address (each sees only their own address).
    A failure is logged: a notification never undoes what it is about. Returns the number
    sent."""
    addresses = sorted({user.email for user in users if user.email and user.is_active})
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses
    ]
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # the thing notified about stands whatever the mail server does
        logger.exception("Could not send the staff notification %r", subject)
        return 0
