"""The two mails of an alert: the confirmation (double opt-in) and the digest. Both in Dutch,
as plain text with an HTML alternative."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from core import mail
from core.links import absolute_url

from .models import LINK_VALID

# A digest lists at most this many items, and points to the page for the rest.
MAX_ITEMS_IN_MAIL = 50


def link_urls(subscription):
    """The links every digest carries: one-click unsubscribe and "mijn meldingen"."""
    return {
        f"{purpose}_url": absolute_url(subscription.link_url(purpose))
        for purpose in ("unsubscribe", "manage")
    }


def _send(template, subject, subscription, headers=None, capped=True, **context):
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "subscription": subscription, **context}
    mail.send(
        subject,
        render_to_string(f"alerts/email/{template}.txt", context),
        [subscription.email],
        html=render_to_string(f"alerts/email/{template}.html", context),
        headers=headers,
        capped=capped,
    )


def send_confirmation_mail(subscription, token):
    """The caller counted this mail against the cap per address before it made the token
    (subscribing.subscribe); counting it here again would halve the address's share."""
    confirm_url = absolute_url(reverse("alerts:confirm", args=[token]))
    _send(
        "confirm",
        "Bevestig uw e-mailmelding",
        subscription,
        capped=False,
        confirm_url=confirm_url,
    )


def send_manage_link_mail(subscription):
    """A fresh "mijn meldingen" link, asked for on the site."""
    manage_url = absolute_url(subscription.link_url("manage"))
    _send(
        "manage_link",
        "Uw link naar Mijn meldingen",
        subscription,
        manage_url=manage_url,
        valid_days=LINK_VALID["manage"].days,
    )


def send_digest_mail(subscription, items, source):
    links = link_urls(subscription)
    count = len(items)
    news = source.news(count)
    shown = items[:MAX_ITEMS_IN_MAIL]
    _send(
        "digest",
        news,
        subscription,
        capped=False,  # one per period, on the schedule the subscriber chose
        headers={
            # RFC 2369 and RFC 8058: mail programs offer a one-click unsubscribe that POSTs
            # "List-Unsubscribe=One-Click" to this URL (views.unsubscribe).
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
        items=shown,
        more=count - len(shown),
        news=news,
        page_url=source.page_url(None, subscription.query),
        **links,
    )
