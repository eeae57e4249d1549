import json

from django import template
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import images, pagecache, sections
from ..models import ImportantPages

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


@register.simple_tag(takes_context=True)
def content_version(context):
    """The site-wide content version (core.pagecache): part of the key of every cached
    fragment, so a fragment changes exactly when the pages do."""
    request = context.get("request")
    return pagecache.request_version(request) if request is not None else None


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
