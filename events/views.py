"""Signing up for an event, and the registrant's own page: routes of the event page
(models/pages.py), which hands them itself as `page`."""

from functools import partial

from django.conf import settings
from django.http import Http404
from django.views.decorators.cache import never_cache

from core import ratelimit
from core.pages import render_subpage, see_other, subpage_url

from . import signup
from .forms import registration_form
from .models import RegistrationMode

FORM_TEMPLATE = "events/registration_form.html"
MANAGE_TEMPLATE = "events/registration_manage.html"


# Personal: never stored by the page cache, a CDN or the browser.
@never_cache
def sign_up(request, page):
    if page.registration_mode == RegistrationMode.NONE:
        raise Http404
    render = partial(render_subpage, page, request, FORM_TEMPLATE, [("Aanmelden", None)])
    closed = page.registration_closed_reason()
    if closed:
        return render(status=410, closed=closed)
    if request.method != "POST":
        # Right after a valid submission: where to look for the confirmation link.
        sent = request.session.pop("registration_sent", None)
        hours = settings.EVENT_REGISTRATION_CONFIRM_HOURS
        return render(form=registration_form(page), sent=sent, confirm_hours=hours)
    ratelimit.limit_attempts(request, "sign_up", settings.EVENT_REGISTRATIONS_PER_HOUR)
    form = registration_form(page, request.POST)
    if not form.is_valid():
        return render(status=400, form=form)
    # Only a valid registration counts: typing mistakes lock nobody out.
    ratelimit.limit(request, "sign_up", settings.EVENT_REGISTRATIONS_PER_HOUR)
    data = form.registration_data()
    mail_sent = signup.sign_up(page, data)
    request.session["registration_sent"] = {"email": data["email"], "mail_sent": mail_sent}
    # Back to the form, which says to look in the mailbox: a reload never signs up twice, and
    # the key to the registration travels only in the e-mail, so only the address can confirm.
    return see_other(subpage_url(page, "sign_up"))


# Personal: never stored by the page cache, a CDN or the browser.
@never_cache
def registration(request, page, token):
    render = partial(render_subpage, page, request, MANAGE_TEMPLATE, [("Uw aanmelding", None)])
    registrations = page.registrations.select_related("session")
    found = registrations.by_key(token)
    if found is None:
        return render(status=404)
    action = request.POST.get("actie") if request.method == "POST" else None
    if found.is_unconfirmed:
        problem = page.registration_closed_reason()
        if not problem and found.session and found.session.is_over:
            # The event may still be open for its later dates; this one cannot take anyone.
            problem = "Deze datum is al geweest."
        if found.hold_expired:
            hours = settings.EVENT_REGISTRATION_CONFIRM_HOURS
            problem = f"Een aanmelding die niet binnen {hours} uur is bevestigd, vervalt."
        if problem:
            return render(status=410, registration=found, problem=problem)
        if action == "bevestigen" and signup.confirm(found):
            mail_sent = signup.send_registration_mail(found, token)
            return render(registration=found, confirmed_now=True, mail_sent=mail_sent)
        return render(registration=found)
    if action == "bevestigen":
        # A used confirmation link: it stays the key to the registration, but confirms once.
        return render(status=409, registration=found, already_confirmed=True)
    if found.is_cancelled or action not in {"afmelden", "afmelden-bevestigd"}:
        return render(registration=found)
    if action == "afmelden":
        # One click could be a slip: cancelling asks once more.
        return render(registration=found, confirm_cancel=True)
    promoted = signup.cancel(found)
    if promoted is None:
        return render(registration=found)
    mail_sent = signup.send_cancellation_mail(found, token)
    return render(registration=found, cancelled_now=True, promoted=promoted, mail_sent=mail_sent)
