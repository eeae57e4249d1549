from django import template

from partners.templatetags.partner_tags import json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def campus_json_ld(context, campus):
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": ["EducationalOrganization", "Place"],
        "name": campus.title,
        "description": campus.intro,
        "url": campus.website or request.build_absolute_uri(),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": campus.address,
            "addressLocality": campus.place,
            "addressRegion": "Noord-Holland",
            "addressCountry": "NL",
        },
    }
    if campus.latitude is not None and campus.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(campus.latitude),
            "longitude": float(campus.longitude),
        }
    return json_ld(data)
