import json
import re

from django import template
from django.core.cache.utils import make_template_fragment_key
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.models import Site

from .. import images, pagecache
from ..links import absolute_url
from ..models import ImportantPages, ShareSettings

register = template.Library()


def json_ld(data):
    """JSON for a <script type="application/ld+json"> element that text cannot break out of."""
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def geo_coordinates(latitude, longitude):
    """schema.org GeoCoordinates, or None when a coordinate is missing."""
    if latitude is None or longitude is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": float(latitude), "longitude": float(longitude)}


YOUTUBE_PLAYER = re.compile(r"https?://(?:www\.)?youtube\.com/embed/")


@register.simple_tag
def video_embed(value):
    """The embed of a video block, YouTube's on its privacy-enhanced domain (which the
    Content-Security-Policy allows); None when the provider cannot tell us."""
    try:
        embed = get_embed(value.url, value.max_width, value.max_height)
    except EmbedException:
        return None
    embed.html = YOUTUBE_PLAYER.sub("https://www.youtube-nocookie.com/embed/", embed.html)
    return embed


register.filter("alt_text", images.alt_text)


@register.simple_tag(takes_context=True)
def important_page_url(context, role):
    """The URL of the page editors chose for a role ("privacy_page"), or "" without one."""
    return ImportantPages.url_for(context.get("request"), role)


@register.simple_tag(takes_context=True)
def important_page_link(context, role, text):
    """`text` as a link to the page chosen for `role`; just the text without one."""
    url = important_page_url(context, role)
    return format_html('<a href="{}">{}</a>', url, text) if url else text


@register.inclusion_tag("includes/service_links.html", takes_context=True)
def service_links(context):
    """The service pages editors chose (privacy, contact, accessibility), for the footer."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    important = ImportantPages.for_request(request)
    links = [
        (url, getattr(important, role).title)
        for role in ImportantPages.SERVICE_ROLES
        if (url := important.url(request, role))
    ]
    return {"links": links}


@register.simple_tag(takes_context=True)
def page_sections(context, hook_name, obj):
    """The sections apps above add to a page through the hook `hook_name`: functions of
    (request, obj) that return HTML, or "" for nothing."""
    request = context.get("request")
    parts = [section(request, obj) for section in hooks.get_hooks(hook_name)]
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered, escaped template


SHARE_IMAGE_SPEC = "fill-1200x630"
SHARE_IMAGE_FALLBACK = "img/share.png"


def share_settings(request):
    """The site's share settings, or the defaults before there is a site."""
    if Site.find_for_request(request) is None:
        return ShareSettings()
    return ShareSettings.for_request(request)


def share_picture(request, image, title="", spec=SHARE_IMAGE_SPEC):
    """The image to share (`image`, else the site's default share image, else the house
    image) as {url, width, height, alt}; also what structured data names as the image."""
    share = share_settings(request)
    # An image whose original file is lost counts as no image: the next one in line is shared.
    for candidate in (image, share.default_image):
        rendition = images.rendition_or_none(candidate, spec)
        if rendition is not None:
            url, width, height = rendition.url, rendition.width, rendition.height
            alt = images.alt_text(candidate) or title
            break
    else:
        url, width, height, alt = static(SHARE_IMAGE_FALLBACK), 1200, 630, share.site_name
    return {"url": absolute_url(url), "width": width, "height": height, "alt": alt}


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(
    context, title=None, description=None, image=None, spec=SHARE_IMAGE_SPEC, og_type=None
):
    """Open Graph and X (Twitter) card tags plus the canonical URL for the page shown:
    `page`, or the sub-page it renders (its breadcrumb trail), unless arguments say otherwise.
    An image falls back to the site's default share image, then the house image. The Open
    Graph type is `og_type`, else the page's own `og_type`, else "website"."""
    request = context["request"]
    page = context.get("page")
    trail = context.get("subpage_trail")
    if title is None:
        title = trail[-1][0] if trail else (page.seo_title or page.title) if page else ""
    if description is None and page is not None and not trail:
        description = getattr(page, "meta_description", "")
    if image is None and page is not None and not trail:
        image = page.share_image
    if og_type is None:
        og_type = getattr(page, "og_type", "website") if not trail else "website"
    share = share_settings(request)
    picture = share_picture(request, image, title, spec)
    # X shows a large card only for a wide enough image; a logo gets the small one.
    large = picture["width"] >= 600 and picture["height"] >= 314
    return {
        "title": title,
        "description": description or "",
        "og_type": og_type,
        "canonical_url": absolute_url(request.path),
        "site_name": share.site_name,
        "x_account": share.x_account,
        "image": picture,
        "card": "summary_large_image" if large else "summary",
    }


# A fragment is replaced long before by a new content version; this only bounds its life.
CONTENT_FRAGMENT_SECONDS = 3600


class ContentFragmentNode(template.Node):
    def __init__(self, nodelist, name, keys, query=False, clock=False):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys
        self.query = query
        self.clock = clock

    def render(self, context):
        request = context.get("request")
        version = pagecache.content_version()
        # Without a version (the cache does not answer) nothing is kept.
        if request is None or getattr(request, "is_preview", False) or version is None:
            return self.nodelist.render(context)
        keys = [version, request.get_host()]
        keys += [key.resolve(context) for key in self.keys]
        seconds = CONTENT_FRAGMENT_SECONDS
        if self.query:
            query = pagecache.normalised_query(request)
            if query is None:  # a parameter the site does not know: never a key
                return self.nodelist.render(context)
            keys.append(query)
        if self.clock:
            now = timezone.now()
            moment = pagecache.known_next_change(now)
            keys.append(moment.isoformat())
            seconds = min(seconds, max(1, int((moment - now).total_seconds())))
        cache_key = make_template_fragment_key(f"content:{self.name}", keys)
        return pagecache.remembered(cache_key, lambda: self.nodelist.render(context), seconds)


@register.tag
def content_fragment(parser, token):
    """`{% content_fragment "name" key ... [query=True] [clock=True] %}...
    {% endcontent_fragment %}`: Django's `{% cache %}` under the content version and the host
    (links are relative to the site), never for a preview, whose draft must neither come from
    the cache nor reach it. The keys name everything else the part shows (the page, a title);
    `query=True` adds the page's filters, as the page cache normalises them (a parameter the
    site does not know renders uncached); `clock=True` is for a part that also changes with
    the clock ("upcoming", places left): it is kept until the next moment the clock changes a
    page, the rule the page cache follows. The data behind a part is best passed lazily
    (querysets, `SimpleLazyObject`): a cached part then costs none of its queries."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("content_fragment needs a name")
    nodelist = parser.parse(("endcontent_fragment",))
    parser.delete_first_token()
    options = [bit for bit in bits[2:] if "=" in bit]
    if set(options) - {"query=True", "clock=True"}:
        raise template.TemplateSyntaxError(f"content_fragment knows no option in {options}")
    keys = [parser.compile_filter(bit) for bit in bits[2:] if "=" not in bit]
    return ContentFragmentNode(
        nodelist,
        bits[1].strip("\"'"),
        keys,
        query="query=True" in options,
        clock="clock=True" in options,
    )
