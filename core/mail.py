"""Outgoing e-mail: one way to send, with the Reply-To the site settings name
(`core.MailSettings`), so a visitor who answers a mail reaches a person, not the no-reply
sender; and notifications to the staff who can act on something."""

import logging

from django.core.mail import EmailMultiAlternatives, send_mass_mail
from wagtail.models import Site

from .models import MailSettings

logger = logging.getLogger(__name__)


def reply_to():
    """The Reply-To address list from the default site's settings; empty when none is set."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    address = MailSettings.for_site(site).reply_to_email
    return [address] if address else []


def send(subject, body, to, html=None, headers=None):
    """Send one e-mail to `to` (a list): plain text, with `html` as an alternative when given.
    Raises what the mail backend raises; callers decide what a failure means for them."""
    message = EmailMultiAlternatives(subject, body, None, to, reply_to=reply_to(), headers=headers)
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message.send()


def send_to_staff(users, subject, body):
    """One e-mail to each active user with an address (each sees only their own); a failure
    is logged, since a notification never undoes what it is about. Returns the number sent."""
    addresses = sorted({user.email for user in users if user.email and user.is_active})
    try:
        return send_mass_mail([(subject, body, None, [address]) for address in addresses]) or 0
    except Exception:  # the thing notified about stands whatever the mail server does
        logger.exception("Could not send the staff notification %r", subject)
        return 0
