import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def json_ld(data):
    """JSON for a <script type="application/ld+json"> element that text cannot break out of."""
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def organization_json_ld(context, partner):
    """schema.org Organization for a partner profile, safe inside a <script> element."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOrganization" if partner.kind == "onderwijs" else "Organization",
        "name": partner.name,
        "url": partner.website or request.build_absolute_uri(),
        "description": partner.short_description,
    }
    if partner.logo:
        data["logo"] = request.build_absolute_uri(partner.logo.get_rendition("max-240x120").url)
    if partner.municipality:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": partner.municipality,
            "addressCountry": "NL",
        }
    return json_ld(data)
