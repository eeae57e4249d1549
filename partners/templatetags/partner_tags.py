from django import template

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
    if partner.logo:
        data["logo"] = request.build_absolute_uri(partner.logo.get_rendition("max-240x120").url)
    if partner.municipality:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": partner.municipality,
            "addressCountry": "NL",
        }
    return json_ld(data)
