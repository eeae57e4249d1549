"""The manifest's flows with forms (signing, confirming) and the initiative pages.

The signing views are routes of the manifest page (models/pages.py), which hands them itself
as `page`, so they render under it and link by route name. Their pages are personal: never
stored by the page cache, a CDN or the browser."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from core import ratelimit
from core.pages import render_subpage, see_other, subpage_url
from core.tokens import hash_token

from .forms import InitiativeFilterForm, SignatureForm
from .models import Initiative, Signature, SignatureState
from .signing import AlreadySigned, notify_moderators, send_confirmation, sign_manifest

CONFIRMATIONS_PER_HOUR = 30
INITIATIVES_PER_PAGE = 12


@never_cache
def sign(request, page):
    trail = [("Ondertekenen", None)]
    if request.method != "POST":
        return render_subpage(
            page, request, "manifest/manifest_sign.html", trail, form=SignatureForm()
        )
    ratelimit.limit_attempts(request, "sign", settings.SIGNATURE_SUBMISSIONS_PER_HOUR)
    form = SignatureForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_subpage(
            page, request, "manifest/manifest_sign.html", trail, status=400, form=form
        )
    # Only a valid submission counts: typing mistakes lock nobody out.
    ratelimit.limit(request, "sign", settings.SIGNATURE_SUBMISSIONS_PER_HOUR)
    try:
        signature, _ = sign_manifest(form.cleaned_data, manifest_revision=page.live_revision)
    except AlreadySigned as already:
        trail = [("Ondertekenen", subpage_url(page, "sign")), ("Al getekend", None)]
        return render_subpage(
            page,
            request,
            "manifest/manifest_sign_exists.html",
            trail,
            status=409,
            partner=already.partner,
        )
    request.session["signature_mail_sent"] = send_confirmation(signature)
    return see_other(subpage_url(page, "sign_received"))


@never_cache
def sign_received(request, page):
    return render_subpage(
        page,
        request,
        "manifest/manifest_sign_received.html",
        [("Ondertekenen", subpage_url(page, "sign")), ("Ontvangen", None)],
        mail_sent=request.session.get("signature_mail_sent", True),
    )


@never_cache
def sign_confirm(request, page, token):
    ratelimit.limit(request, "confirm", CONFIRMATIONS_PER_HOUR)
    signature = Signature.objects.filter(confirmation_token_hash=hash_token(token)).first()
    if signature is None:
        problem, status = "invalid", 404
    elif signature.state != SignatureState.UNCONFIRMED:
        problem, status = "used", 410
    elif signature.confirmation_expired:
        problem, status = "expired", 410
    else:
        problem, status = "", 200
    confirmed = not problem and request.method == "POST"
    if confirmed:
        signature.confirm()
        notify_moderators(signature)
    return render_subpage(
        page,
        request,
        "manifest/manifest_sign_confirm.html",
        [("Ondertekenen", subpage_url(page, "sign")), ("Bevestigen", None)],
        status=status,
        problem=problem,
        signature=signature,
        confirmed=confirmed,
    )


def initiative_list(request):
    form = InitiativeFilterForm(request.GET or None)

    def page_of_initiatives():
        # Read only when the template's cached fragment for these filters is not there.
        initiatives = form.filter(Initiative.objects.filter(live=True)).for_listing()
        return Paginator(initiatives.order_by("title", "pk"), INITIATIVES_PER_PAGE).get_page(
            request.GET.get("pagina")
        )

    page = SimpleLazyObject(page_of_initiatives)
    return render(
        request,
        "manifest/initiative_list.html",
        {
            "form": form,
            "page_obj": page,
            "initiatives": SimpleLazyObject(lambda: page.object_list),
            "subpage_trail": [("Initiatieven", None)],
            "description": "Initiatieven die de acties van het Manifest Werken & Ontwikkelen "
            "2030 Noord-Holland uitvoeren.",
        },
    )


def initiative_detail(request, slug):
    initiative = get_object_or_404(
        Initiative.objects.filter(live=True).select_related("image"), slug=slug
    )
    return render(
        request,
        "manifest/initiative_detail.html",
        {
            "initiative": initiative,
            # Read only when the template's cached fragment is not there.
            "related": SimpleLazyObject(
                lambda: Initiative.objects.for_detail().get(pk=initiative.pk)
            ),
            "subpage_trail": [
                ("Initiatieven", reverse("manifest:initiative_list")),
                (initiative.title, None),
            ],
        },
    )
