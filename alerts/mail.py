"""The two mails of an alert: the confirmation (double opt-in) and the digest. Both in Dutch,
as plain text with an HTML alternative."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from core import mail
from core.links import absolute_url


def link_urls(subscription):
    """The links every digest carries: one-click unsubscribe and "mijn meldingen"."""
    return {
        "unsubscribe_url": absolute_url(
            reverse("alerts:unsubscribe", args=[subscription.link_token("unsubscribe")])
        ),
        "manage_url": absolute_url(
            reverse("alerts:manage", args=[subscription.link_token("manage")])
        ),
    }


def _send(template, subject, to, context, headers=None):
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    mail.send(
        subject,
        render_to_string(f"alerts/email/{template}.txt", context),
        [to],
        html=render_to_string(f"alerts/email/{template}.html", context),
        headers=headers,
    )


def send_confirmation_mail(subscription, token, page_url):
    _send(
        "confirm",
        "Bevestig uw e-mailmelding",
        subscription.email,
        {
            "subscription": subscription,
            "confirm_url": absolute_url(reverse("alerts:confirm", args=[token])),
            "page_url": page_url,
        },
    )


def send_digest_mail(subscription, items, more, page_url):
    links = link_urls(subscription)
    count = len(items) + more
    subject = f"{count} nieuw{'e' if count > 1 else ''} in uw selectie: {subscription.label}"
    _send(
        "digest",
        subject[:200],
        subscription.email,
        {
            "subscription": subscription,
            "items": items,
            "more": more,
            "page_url": page_url,
            **links,
        },
        headers={
            # RFC 2369 and RFC 8058: mail programs offer a one-click unsubscribe that POSTs
            # "List-Unsubscribe=One-Click" to this URL (views.unsubscribe).
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
