from django import template
from django.template.loader import get_template

from core.templatetags.core_tags import cached_parts, json_ld

from ..views import card_partners

register = template.Library()


@register.simple_tag(takes_context=True)
def partner_cards(context, hits):
    """The directory's result cards, in the order of the hits. A card without search
    highlights shows content only: a cached content fragment (core_tags.cached_parts), so
    only the partners of the cards not in the cache are read. A hit whose partner is gone
    (an index a moment behind) gets no card."""
    request = context.get("request")
    page = context.get("page")
    card = get_template("partners/includes/partner_card.html")

    def render(hit, partners):
        partner = partners.get(hit.pk)
        if partner is None:
            return None
        values = {"partner": partner, "highlights": hit.highlights, "page": page}
        return card.render(values, request)

    parts = cached_parts(
        request,
        "partner-card",
        list(hits),
        key=lambda hit: None if hit.highlights else (hit.pk, page.pk),
        load=card_partners,
        render=render,
    )
    return [html for _, html in parts]


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
