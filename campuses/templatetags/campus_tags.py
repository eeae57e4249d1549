from django import template

from core.templatetags.core_tags import geo_coordinates, json_ld

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
    geo = geo_coordinates(campus.latitude, campus.longitude)
    if geo:
        data["geo"] = geo
    return json_ld(data)
