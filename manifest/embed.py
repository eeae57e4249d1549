"""The signatory wall on other sites: the embed page (the wall alone, which the origins in
WALL_EMBED_ORIGINS may frame), the <iframe> code that shows it, and the oEmbed endpoint that
hands that code to sites that discover it (https://oembed.com, version 1.0, JSON only).

Like the signing flow, these are routes of the manifest page (models/pages.py), which hands
them itself as `page`."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from core.exports import JSON_CONTENT_TYPE, as_json, json_error
from core.pages import subpage_url

from .forms import SignatoryFilterForm
from .models import Signature

EMBED_TITLE = "Ondertekenaars van het Manifest Werken & Ontwikkelen 2030 Noord-Holland"
EMBED_WIDTH = 640
EMBED_HEIGHT = 480
# Sites read the oEmbed answer, errors included, from their visitors' browsers.
ANY_ORIGIN = {"Access-Control-Allow-Origin": "*"}


def iframe_html(src, width=EMBED_WIDTH, height=EMBED_HEIGHT):
    """The code another site pastes in. No style attribute: the site's own policy forbids
    inline styles where the wall page shows it as a preview."""
    return format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy"></iframe>',
        src,
        EMBED_TITLE,
        width,
        height,
    )


def requested_route_url(request, page, name):
    """A route's URL on the address the request came in on: the code a visitor copies must
    work from their browser, and the wall page's preview must come from its own origin."""
    return request.build_absolute_uri(subpage_url(page, name))


def wall_embed_context(request, page):
    """What the wall page shows of its embed: the code to copy and its oEmbed discovery link."""
    query = urlencode({"url": requested_route_url(request, page, "signatories"), "format": "json"})
    return {
        "embed_code": iframe_html(requested_route_url(request, page, "signatories_embed")),
        "oembed_url": f"{requested_route_url(request, page, 'oembed')}?{query}",
    }


@xframe_options_exempt
def signatories_embed(request, page):
    """The wall alone, with its own small template. X-Frame-Options cannot name origins, so it
    is left out here; the policy's frame-ancestors names them (website.middleware), and the
    site itself, whose wall page previews this one."""
    signatures = Signature.objects.approved().with_logos()
    response = page.render(
        request,
        template="manifest/manifest_signatories_embed.html",
        context_overrides={
            # Read only when the template's cached fragment is not there.
            "signatures": SimpleLazyObject(lambda: list(SignatoryFilterForm().filter(signatures))),
            "wall_url": requested_route_url(request, page, "signatories"),
            "embed_title": EMBED_TITLE,
        },
    )
    response.frame_ancestors = ["'self'", *settings.WALL_EMBED_ORIGINS]
    return response


def oembed_error(status, message):
    return json_error(status, message, headers=ANY_ORIGIN)


class BadParameter(ValueError):
    """A parameter value the endpoint cannot use; the message says why, in Dutch."""


def pixels(request, name, default):
    """`maxwidth` or `maxheight`: a positive whole number of pixels; the default caps it."""
    value = request.GET.get(name, "").strip()
    if not value:
        return default
    digits = value.lstrip("0")
    if not (value.isascii() and value.isdigit()) or not digits:
        raise BadParameter(f"{name} moet een positief geheel getal zijn (een aantal pixels).")
    # More digits than any screen has pixels sets no limit below the default.
    return default if len(digits) > 6 else min(default, int(digits))


def embeds_wall(request, page, url):
    """Whether `url` is the wall, or its embed page, on this site."""
    asked = urlsplit(url)
    if asked.scheme not in ("http", "https"):
        return False
    for name in ("signatories", "signatories_embed"):
        ours = urlsplit(requested_route_url(request, page, name))
        if asked.netloc.lower() == ours.netloc.lower() and asked.path == ours.path:
            return True
    return False


@require_safe
def oembed(request, page):
    """The oEmbed answer for the wall: type "rich", its html the embed page's <iframe>."""
    url = request.GET.get("url", "").strip()
    response_format = request.GET.get("format", "json").strip().lower() or "json"
    if not url:
        return oembed_error(400, "Geef met de parameter url het adres van de pagina op.")
    if response_format == "xml":
        return oembed_error(501, "Alleen JSON: format=xml kunnen we niet leveren.")
    if response_format != "json":
        return oembed_error(400, "format kan alleen json zijn.")
    try:
        width = pixels(request, "maxwidth", EMBED_WIDTH)
        height = pixels(request, "maxheight", EMBED_HEIGHT)
    except BadParameter as bad:
        return oembed_error(400, str(bad))
    if not embeds_wall(request, page, url):
        return oembed_error(404, "Voor dit adres is er geen code om in te sluiten.")
    answer = {
        "version": "1.0",
        "type": "rich",
        "title": EMBED_TITLE,
        "provider_name": settings.WAGTAIL_SITE_NAME,
        # The manifest is a section right under the site's home page.
        "provider_url": request.build_absolute_uri(page.get_parent().url),
        "html": iframe_html(requested_route_url(request, page, "signatories_embed"), width, height),
        "width": width,
        "height": height,
    }
    return HttpResponse(as_json(answer), content_type=JSON_CONTENT_TYPE, headers=ANY_ORIGIN)
