"""What the partner directory indexes: registered with the search app at start-up."""

from django.db.models import Case, Count, Exists, Max, OuterRef, Prefetch, Value, When
from django.utils.html import strip_tags

from search.port import FacetDefinition, IndexDefinition

from .models import (
    EducationLevel,
    Offer,
    Partner,
    PartnerKind,
    PartnerSector,
    Region,
    SectorTag,
    Signature,
)

INDEX_NAME = "partner"


def campus_model():
    # Campuses are pages of the website app above this one; reach them through the relation.
    return Partner._meta.get_field("campuses").related_model


def live_partners():
    approved = Signature.objects.approved().filter(partner=OuterRef("pk"))
    return Partner.objects.live().annotate(
        signatory=Case(When(Exists(approved), then=Value("ja")), default=Value("nee"))
    )


def with_relations(queryset):
    campuses = campus_model().objects.live().public()
    return queryset.prefetch_related(
        "regions",
        "tagged_sectors__tag",
        "education_levels",
        "offers",
        Prefetch("campuses", queryset=campuses),
    )


def partner_document(partner):
    sectors = [item.tag for item in partner.tagged_sectors.all()]
    return {
        "id": partner.pk,
        "name": partner.name,
        "description": description_text(partner.short_description, partner.description),
        "sectors_text": " ".join(sector.name for sector in sectors),
        "municipality": partner.municipality,
        "kind": [partner.kind],
        "regio": [region.slug for region in partner.regions.all()],
        "sector": [sector.slug for sector in sectors],
        "niveau": [level.slug for level in partner.education_levels.all()],
        "campus": [campus.slug for campus in partner.campuses.all()],
        "aanbod": [offer.slug for offer in partner.offers.all()],
        "ondertekenaar": [getattr(partner, "signatory", None) or signatory_value(partner)],
        "created_at": partner.created_at.isoformat(),
    }


def description_text(short_description, description):
    return " ".join(part for part in [short_description, strip_tags(description)] if part)


def text_documents(ids):
    """The searchable text of a page of partners, for highlighting: two light queries."""
    sectors = {}
    tagged = PartnerSector.objects.filter(content_object_id__in=ids).order_by("tag__name")
    for partner_id, name in tagged.values_list("content_object_id", "tag__name"):
        sectors.setdefault(partner_id, []).append(name)
    rows = Partner.objects.filter(pk__in=ids).values(
        "pk", "name", "short_description", "description", "municipality"
    )
    return {
        row["pk"]: {
            "name": row["name"],
            "description": description_text(row["short_description"], row["description"]),
            "sectors_text": " ".join(sectors.get(row["pk"], [])),
            "municipality": row["municipality"],
        }
        for row in rows
    }


def signatory_value(partner):
    return "ja" if partner.signatures.approved().exists() else "nee"


def vocabulary():
    return [
        *SectorTag.objects.values_list("name", flat=True),
        *Region.objects.values_list("name", flat=True),
        *Offer.objects.values_list("name", flat=True),
        *Partner.objects.live().values_list("name", flat=True),
    ]


def freshness():
    """Changes whenever what the directory filters or sorts on may have changed: a partner's
    own fields and relations (saving bumps updated_at), an approval, campus membership."""
    campus_membership = Partner.campuses.through.objects
    return (
        Partner.objects.aggregate(count=Count("pk"), changed=Max("updated_at")),
        Signature.objects.aggregate(changed=Max("updated_at")),
        campus_membership.aggregate(count=Count("pk"), last=Max("pk")),
        campus_model().objects.aggregate(changed=Max("last_published_at")),
    )


def slug_labels(model, label="name"):
    return lambda: dict(model.objects.values_list("slug", label))


PARTNER_INDEX = IndexDefinition(
    name=INDEX_NAME,
    queryset=live_partners,
    document=partner_document,
    text_fields={"name": 3, "sectors_text": 2, "description": 1, "municipality": 1},
    autocomplete_field="name",
    facets=(
        FacetDefinition("soort", "Soort", "kind", "kind", lambda: dict(PartnerKind.choices)),
        FacetDefinition("regio", "Regio", "regio", "regions__slug", slug_labels(Region)),
        FacetDefinition("sector", "Sector", "sector", "sectors__slug", slug_labels(SectorTag)),
        FacetDefinition(
            "niveau",
            "Onderwijsniveau",
            "niveau",
            "education_levels__slug",
            slug_labels(EducationLevel),
        ),
        FacetDefinition(
            "campus",
            "Campus",
            "campus",
            "campuses__slug",
            lambda: slug_labels(campus_model(), "title")(),
        ),
        FacetDefinition("aanbod", "Wat zij bieden", "aanbod", "offers__slug", slug_labels(Offer)),
        FacetDefinition(
            "ondertekenaar",
            "Ondertekenaar",
            "ondertekenaar",
            "signatory",
            lambda: {"ja": "Heeft het manifest ondertekend", "nee": "Nog niet ondertekend"},
        ),
    ),
    name_sort_field="name",
    newest_sort_field="created_at",
    prefetch=with_relations,
    vocabulary=vocabulary,
    freshness=freshness,
    text_documents=text_documents,
)
