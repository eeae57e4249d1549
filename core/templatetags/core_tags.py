import json
import re

from django import template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.models import Site

from .. import images, pagecache, sections
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
    """The embed of a video block, with YouTube's player on its privacy-enhanced domain
    (youtube-nocookie.com, which the Content-Security-Policy allows); None when the provider
    cannot tell us. Templates show it only after a click (blocks/embed_block.html)."""
    try:
        embed = get_embed(value.url, value.max_width, value.max_height)
    except EmbedException:
        return None
    embed.html = YOUTUBE_PLAYER.sub("https://www.youtube-nocookie.com/embed/", embed.html)
    return embed


@register.filter
def alt_text(image, override=""):
    return images.alt_text(image, override)


@register.simple_tag(takes_context=True)
def important_page_url(context, role):
    """The URL of the page editors chose for a role in the site settings ("privacy_page"),
    or "" when none is chosen."""
    return ImportantPages.url_for(context.get("request"), role)


@register.simple_tag(takes_context=True)
def important_page_link(context, role, text):
    """`text` as a link to the page chosen for `role`; just the text when none is chosen."""
    url = important_page_url(context, role)
    return format_html('<a href="{}">{}</a>', url, text) if url else text


@register.inclusion_tag("includes/service_links.html", takes_context=True)
def service_links(context):
    """The service pages editors chose (privacy, contact, accessibility), for the footer."""
    request = context.get("request")
    links = []
    if request is not None:
        important = ImportantPages.for_request(request)
        for role in ImportantPages.SERVICE_ROLES:
            url = important.url(request, role)
            if url:
                links.append((url, getattr(important, role).title))
    return {"links": links}


@register.simple_tag(takes_context=True)
def page_sections(context, slot, obj):
    """Render the sections other apps registered for `slot` (core.sections)."""
    request = context.get("request")
    parts = []
    for section in sections.for_slot(slot):
        section_context = section.context(obj, request)
        if section_context is not None:
            parts.append(
                get_template(section.template).render({"object": obj, **section_context}, request)
            )
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered, escaped template


SHARE_IMAGE_SPEC = "fill-1200x630"
SHARE_IMAGE_FALLBACK = "img/share.png"


def share_settings(request):
    """The site's share settings (read once per content version), or the defaults before
    there is a site."""
    if Site.find_for_request(request) is None:
        return ShareSettings()
    return ShareSettings.for_request(request)


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, title=None, description=None, image=None, spec=SHARE_IMAGE_SPEC):
    """Open Graph and X (Twitter) card tags plus the canonical URL for the page shown.

    Without arguments they describe `page`, or the sub-page it renders (its breadcrumb
    trail); an image falls back to the site's default share image, then the house image.
    """
    request = context["request"]
    page = context.get("page")
    trail = context.get("subpage_trail")
    if title is None:
        title = trail[-1][0] if trail else (page.seo_title or page.title) if page else ""
    if description is None and page is not None and not trail:
        description = getattr(page, "meta_description", "")
    share = share_settings(request)
    if image is None and page is not None and not trail:
        image = page.share_image
    image = image or share.default_image
    if image is not None:
        rendition = image.get_rendition(spec)
        picture = {
            "url": absolute_url(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": images.alt_text(image) or title,
        }
    else:
        picture = {
            "url": absolute_url(static(SHARE_IMAGE_FALLBACK)),
            "width": 1200,
            "height": 630,
            "alt": share.site_name,
        }
    # X shows a large card only for a wide enough image; a logo gets the small one.
    large = picture["width"] >= 600 and picture["height"] >= 314
    return {
        "title": title,
        "description": description or "",
        "canonical_url": absolute_url(request.path),
        "site_name": share.site_name,
        "x_account": share.x_account,
        "image": picture,
        "card": "summary_large_image" if large else "summary",
    }


# As long as the header and footer fragments (templates/base.html); a new content version
# replaces them long before.
CONTENT_FRAGMENT_SECONDS = 3600


def fragment_key(request, name, *keys):
    """The cache key of a content fragment: its name and keys, the content version and the
    host (links in it are relative to the site)."""
    parts = [pagecache.request_version(request), request.get_host(), *keys]
    return make_template_fragment_key(f"content:{name}", parts)


def stores_fragments(request):
    """Whether content fragments are read and stored for this request: never for a preview,
    whose draft must neither come from the cache nor reach it."""
    return request is not None and not getattr(request, "is_preview", False)


def cached_parts(request, name, items, key, load, render):
    """The HTML of one content fragment per item (a card per event or partner), in order.

    `key(item)` is the item's part of the cache key, or None for an item that must not be
    cached (a search result with highlights). The parts in the cache cost nothing; for the
    others `load(items)` runs once, in bulk, and returns what `render(item, loaded)` needs,
    before they are rendered and stored. Where load finds nothing to render for an item (it
    is gone), `render` returns None and the item is left out.
    """
    storing = stores_fragments(request)
    keys = {}
    for index, item in enumerate(items):
        item_key = key(item) if storing else None
        if item_key is not None:
            keys[index] = fragment_key(request, name, *item_key)
    found = cache.get_many(list(keys.values())) if keys else {}
    missing = [item for index, item in enumerate(items) if keys.get(index) not in found]
    loaded = load(missing) if missing else None
    parts, new = [], {}
    for index, item in enumerate(items):
        html = found.get(keys.get(index))
        if html is None:
            html = render(item, loaded)
            if html is None:
                continue
            if index in keys:
                new[keys[index]] = html
        parts.append((item, mark_safe(html)))  # noqa: S308 - rendered from our templates
    if new:
        cache.set_many(new, CONTENT_FRAGMENT_SECONDS)
    return parts


class ContentFragmentNode(template.Node):
    def __init__(self, nodelist, name, keys):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context):
        request = context.get("request")
        if not stores_fragments(request):
            return self.nodelist.render(context)
        cache_key = fragment_key(request, self.name, *(key.resolve(context) for key in self.keys))
        html = cache.get(cache_key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(cache_key, html, CONTENT_FRAGMENT_SECONDS)
        return html


@register.tag
def content_fragment(parser, token):
    """`{% content_fragment "name" key ... %}...{% endcontent_fragment %}`: HTML kept in the
    cache under the content version, like the header and footer.

    Only for parts that change when content changes and never with the clock or the
    visitor: the keys name everything else they show (the page, a filter). Previews render
    afresh, so a draft is neither shown from nor stored in the cache. Context values the
    part needs may be callables (methods, `functools.partial`): the template calls them only
    when it renders, so a cached part costs none of their queries.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("content_fragment needs a name")
    nodelist = parser.parse(("endcontent_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    keys = [parser.compile_filter(bit) for bit in bits[2:]]
    return ContentFragmentNode(nodelist, name, keys)
