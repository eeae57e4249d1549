from django import template

from core.images import rendition_or_none
from core.templatetags.core_tags import json_ld

register = template.Library()


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
    logo = rendition_or_none(partner.logo, "max-240x120")
    if logo is not None:
        data["logo"] = request.build_absolute_uri(logo.url)
    if partner.municipality:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": partner.municipality,
            "addressCountry": "NL",
        }
    return json_ld(data)
