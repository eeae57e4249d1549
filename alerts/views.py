"""The visitor's side of alerts: follow a selection, confirm it, see and end one's alerts.

Pages render under the site's base layout (no Wagtail page of their own); bad links answer
with a Dutch page and a 4xx."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core import ratelimit
from core.pages import see_other

from .forms import TOO_LONG, AddressForm, FrequencyForm, SubscriptionForm
from .mail import send_manage_link_mail
from .models import LINK_VALID, MAX_QUERY_LENGTH, Subscription
from .sources import get_source
from .subscribing import subscribe as store_subscription

logger = logging.getLogger(__name__)

CONFIRMATIONS_PER_HOUR = 30


def token_link(view):
    """The links in the mails. A GET only shows a button that POSTs, so a link checker or a
    mail scanner that follows one changes nothing; and the pages are personal: never stored
    by the page cache, a proxy or the browser (Cache-Control: private, no-store)."""
    return never_cache(require_http_methods(["GET", "HEAD", "POST"])(view))


def _page(request, template, title, status=200, **context):
    return render(
        request,
        f"alerts/{template}.html",
        {"subpage_trail": [(title, None)], "title": title, **context},
        status=status,
    )


# The form sits on the agenda and the directory, pages that must stay the same for every
# visitor (the same HTML, no cookie) so that a page cache or CDN can serve them; a CSRF token
# would make each one personal. Nothing here acts on a session or a login, so a forged
# request can do no more than anyone can do directly, and the double opt-in, the rate limit
# and the cap per address hold for both.
@csrf_exempt
@require_POST
def subscribe(request):
    ratelimit.limit_attempts(request, "alert", settings.ALERT_SUBSCRIPTIONS_PER_HOUR)
    form = SubscriptionForm(request.POST)
    source = get_source(request.POST.get("bron", ""))
    if source is None:
        return _page(request, "problem", "Melding niet mogelijk", 400, problem="source")
    selection = source.selection(QueryDict(form.data.get("filter", "")))
    if len(selection.query) > MAX_QUERY_LENGTH:
        form.add_error(None, TOO_LONG)
    if not form.is_valid():
        return _page(
            request,
            "subscribe",
            "Selectie volgen",
            400,
            form=form,
            selection=selection,
            back_url=source.page_url(request, selection.query),
        )
    # Only a valid request counts: typing mistakes lock nobody out.
    ratelimit.limit(request, "alert", settings.ALERT_SUBSCRIPTIONS_PER_HOUR)
    store_subscription(
        form.cleaned_data["email"], form.cleaned_data["frequency"], source, selection
    )
    back = urlencode({"bron": source.key, "filter": selection.query})
    return see_other(f"{reverse('alerts:subscribed')}?{back}")


def subscribed(request):
    """The next step, and the way back to the listing with the selection the visitor follows.
    That link is made as the form's: by a known source from its own filters (the page's path
    and valid filter values only), so no parameter can make it lead elsewhere."""
    source = get_source(request.GET.get("bron", ""))
    back_url = ""
    if source is not None:
        selection = source.selection(QueryDict(request.GET.get("filter", "")))
        back_url = source.page_url(request, selection.query)
    return _page(
        request,
        "subscribed",
        "Bevestig uw e-mailadres",
        back_url=back_url,
        listing=source.name if source else "",
    )


@token_link
def confirm(request, token):
    ratelimit.limit(request, "alert-confirm", CONFIRMATIONS_PER_HOUR)
    subscription = Subscription.by_confirmation_token(token)
    if subscription is None:
        problem, status = "invalid", 404
    elif subscription.is_confirmed:
        problem, status = "used", 200
    elif subscription.confirmation_expired:
        problem, status = "expired", 410
    else:
        problem, status = "", 200
    confirmed = not problem and request.method == "POST"
    if confirmed:
        subscription.confirm()
    # A link works once: a used one shows nothing of the alert, and "mijn meldingen" is
    # reached with a link of its own, which expires.
    return _page(
        request,
        "confirm",
        "Melding bevestigen",
        status,
        problem=problem,
        subscription=None if problem else subscription,
        confirmed=confirmed,
        manage_url=subscription.link_url("manage") if confirmed else "",
    )


# RFC 8058: a mail program unsubscribes with a POST of "List-Unsubscribe=One-Click" to the URL
# of the List-Unsubscribe header, without a page or a cookie. The token in the URL is the
# authorisation, so no CSRF token is asked.
@csrf_exempt
@token_link
def unsubscribe(request, token):
    subscription = Subscription.by_link_token(token, "unsubscribe")
    if subscription is None:
        return _page(request, "problem", "Afmelden", 404, problem="link")
    label = subscription.label
    if request.method == "POST":
        subscription.delete()
        return _page(request, "unsubscribe", "Afgemeld", done=True, label=label)
    # This link never expires, so it leads to "mijn meldingen" only through a fresh link by mail.
    return _page(request, "unsubscribe", "Afmelden", label=label)


@token_link
def manage(request, token):
    """ "Mijn meldingen": every confirmed alert of the address the link was sent to, each to
    be mailed daily or weekly, or stopped."""
    subscription = Subscription.by_link_token(token, "manage")
    if subscription is None:
        return _page(request, "problem", "Mijn meldingen", 404, problem="link")
    alerts = Subscription.objects.confirmed().of_address(subscription.email).order_by("pk")
    message = ""
    chosen = None
    if request.method == "POST":
        stop = request.POST.get("stop", "")
        if stop == "alle":
            alerts.delete()
            return _page(request, "unsubscribe", "Afgemeld", done=True, label="")
        pk = stop or request.POST.get("melding", "")
        chosen = alerts.filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 19 else None
        if chosen is None:
            return _page(request, "problem", "Mijn meldingen", 400, problem="choice")
        if stop:
            message = f"U ontvangt geen meldingen meer over: {chosen.label}."
            chosen.delete()
        else:
            form = FrequencyForm(chosen, request.POST)
            if not form.is_valid():
                return _page(request, "problem", "Mijn meldingen", 400, problem="frequency")
            chosen.frequency = form.cleaned_data["frequency"]
            chosen.save(update_fields=["frequency"])
            how_often = chosen.get_frequency_display().lower()
            message = f"U krijgt de meldingen over {chosen.label} voortaan {how_often}."
    remaining = list(alerts)
    if not remaining:
        label = chosen.label if chosen else ""
        return _page(request, "unsubscribe", "Afgemeld", done=True, label=label)
    return _page(
        request,
        "manage",
        "Mijn meldingen",
        forms=[FrequencyForm(alert) for alert in remaining],
        message=message,
        # The link outlives the alert it was made for (models.EndedAlert), so the page stays on it.
        manage_url=reverse("alerts:manage", args=[token]),
    )


@never_cache
def request_link(request):
    """Ask for a "mijn meldingen" link by e-mail. The answer is the same whether or not the
    address has alerts, so the form tells nobody who follows what."""
    form = AddressForm(request.POST if request.method == "POST" else None)
    if form.is_bound:
        ratelimit.limit_attempts(request, "alert-link", settings.ALERT_SUBSCRIPTIONS_PER_HOUR)
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return _page(request, "request_link", "Mijn meldingen", status, form=form)
    ratelimit.limit(request, "alert-link", settings.ALERT_SUBSCRIPTIONS_PER_HOUR)
    subscription = Subscription.objects.confirmed().of_address(form.cleaned_data["email"]).first()
    if subscription is not None:
        try:
            send_manage_link_mail(subscription)
        except Exception:  # the visitor can simply ask again
            logger.exception("Could not send the manage link of alert %s", subscription.pk)
    return _page(
        request, "request_link", "Mijn meldingen", sent=True, valid_days=LINK_VALID["manage"].days
    )
