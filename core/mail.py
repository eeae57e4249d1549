"""Outgoing e-mail: one way to send, with the Reply-To the site settings name
(`core.MailSettings`), so a visitor who answers a mail reaches a person, not the no-reply
sender; and notifications to the staff who can act on something.

Whoever fills in a form can type someone else's address, from as many client IPs as they
like, so mail that a form sends is capped per recipient (MAILS_PER_RECIPIENT_PER_HOUR): beyond
it the form answers as always and nothing is sent."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mass_mail
from django.utils.crypto import salted_hmac
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.models import Site

from . import ratelimit
from .models import MailSettings

logger = logging.getLogger(__name__)


def reply_to():
    """The Reply-To address list from the default site's settings; empty when none is set."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    address = MailSettings.for_site(site).reply_to_email
    return [address] if address else []


def one_line(subject):
    """A subject on one line: a line break in a header is refused by Django (BadHeaderError),
    and a name typed into a form ends up in subjects."""
    return " ".join(subject.split())


def within_cap(address):
    """Count one mail to `address`; False once it had MAILS_PER_RECIPIENT_PER_HOUR this hour.
    Counted under a keyed hash of the address as a mailbox receives it (case and a "+tag"
    ignored), so the counts hold no address."""
    local, _, domain = address.strip().lower().rpartition("@")
    mailbox = f"{local.split('+', 1)[0]}@{domain}"
    key = salted_hmac("core.mail.recipient", mailbox, algorithm="sha256").hexdigest()
    return ratelimit.hit_key(f"mail:{key}", settings.MAILS_PER_RECIPIENT_PER_HOUR)


def send(subject, body, to, html=None, headers=None, capped=True, attachments=None):
    """Send one e-mail to `to` (a list): plain text, with `html` as an alternative when given.
    `capped` (for everything a form sends) leaves out the recipients over the cap per
    recipient; mail that staff or the schedule send passes False. Returns the number of
    e-mails sent; `attachments` are (filename, content, mimetype) triples. Raises what the mail
    backend raises; callers decide what a failure means."""
    if capped:
        to = [address for address in to if within_cap(address)]
        if not to:
            logger.warning("Not sent, the recipient had their share this hour: %r", subject)
            return 0
    message = EmailMultiAlternatives(
        one_line(subject),
        body,
        None,
        to,
        reply_to=reply_to(),
        headers=headers,
        attachments=attachments,
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message.send()


def send_to_staff(users, subject, body):
    """One e-mail to each active user with an address (each sees only their own); a failure
    is logged, since a notification never undoes what it is about. Returns the number sent."""
    addresses = sorted({user.email for user in users if user.email and user.is_active})
    try:
        messages = [(one_line(subject), body, None, [address]) for address in addresses]
        return send_mass_mail(messages) or 0
    except Exception:  # the thing notified about stands whatever the mail server does
        logger.exception("Could not send the staff notification %r", subject)
        return 0


class CappedPasswordResetForm(PasswordResetForm):
    """The admin's "forgot password" form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM), with its
    mail under the cap per recipient. Over it the page answers as always; nothing is sent."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        if not within_cap(to_email):
            logger.warning("Password reset mail not sent: the recipient had their share this hour")
            return
        super().send_mail(
            subject_template_name,
            email_template_name,
            context,
            from_email,
            to_email,
            html_email_template_name,
        )
