"""What the partner directory indexes, registered with the search app at start-up.

The directory's own facets are the partner's fields. Apps above partners add facets about
their relation to a partner (the campuses it takes part in, whether it signed the manifest)
with `register_facet`; partners never imports them (docs/architecture.md, "Hooks").
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils.html import strip_tags

from core.models import EducationLevel, Offer, Region, SectorTag
from core.pagecache import memo
from search.port import FacetDefinition, IndexDefinition

from .models import INDEX_NAME, Partner, PartnerKind, PartnerSector


def unchanged(queryset):
    return queryset


@dataclass(frozen=True)
class DirectoryFacet:
    """A facet of the directory and how the registry's data feeds it."""

    facet: FacetDefinition
    order: int
    # Document values of one partner, read after `annotate` and `prefetch` were applied.
    values: Callable[[Partner], list[str]]
    annotate: Callable = unchanged  # queryset -> queryset with what `values` reads
    prefetch: Callable = unchanged
    # A cheap value that changes when this facet's values may have changed.
    freshness: Callable[[], object] = field(default=lambda: None)
    # URL values -> the values the ORM lookup reads, where they differ ("ja" -> True).
    decode: Callable[[list[str]], list] = list

    def narrow(self, queryset, values):
        """Partners with any of `values` (as URLs name them) for this facet."""
        lookup = f"{self.facet.orm_lookup}__in"
        matching = self.annotate(Partner.objects.all()).filter(**{lookup: self.decode(values)})
        # A subquery, so a lookup across a many-to-many relation repeats no partner.
        return queryset.filter(pk__in=matching.values("pk"))


_contributed: list[DirectoryFacet] = []


def register_facet(facet: DirectoryFacet) -> None:
    _contributed.append(facet)


def slug_labels(model, label="name"):
    return lambda: dict(model.objects.values_list("slug", label))


def sectors_of(partner):
    return [item.tag for item in partner.tagged_sectors.all()]


OWN_FACETS = [
    DirectoryFacet(
        FacetDefinition("soort", "Soort", "kind", "kind", lambda: dict(PartnerKind.choices)),
        order=10,
        values=lambda partner: [partner.kind],
    ),
    DirectoryFacet(
        FacetDefinition("regio", "Regio", "regio", "regions__slug", slug_labels(Region)),
        order=20,
        values=lambda partner: [region.slug for region in partner.regions.all()],
    ),
    DirectoryFacet(
        FacetDefinition("sector", "Sector", "sector", "sectors__slug", slug_labels(SectorTag)),
        order=30,
        values=lambda partner: [sector.slug for sector in sectors_of(partner)],
    ),
    DirectoryFacet(
        FacetDefinition(
            "niveau",
            "Onderwijsniveau",
            "niveau",
            "education_levels__slug",
            slug_labels(EducationLevel),
        ),
        order=40,
        values=lambda partner: [level.slug for level in partner.education_levels.all()],
    ),
    DirectoryFacet(
        FacetDefinition("aanbod", "Wat zij bieden", "aanbod", "offers__slug", slug_labels(Offer)),
        order=60,
        values=lambda partner: [offer.slug for offer in partner.offers.all()],
    ),
]


def directory_facets():
    return sorted([*OWN_FACETS, *_contributed], key=lambda facet: facet.order)


def live_partners():
    queryset = Partner.objects.live()
    for facet in directory_facets():
        queryset = facet.annotate(queryset)
    return queryset


def filtered_partners(filters):
    """Live partners narrowed by the directory's facets, `filters` being facet param -> the
    values the directory's URLs use (alternatives within a facet, facets combined): the same
    facets and ORM lookups the database backend's facet table is built from, for the open data
    (api/) and the directory's e-mail alerts (partners/alerts.py), which list the registry
    without the search box's ranking."""
    queryset = live_partners()
    for facet in directory_facets():
        values = filters.get(facet.facet.param)
        if values:
            queryset = facet.narrow(queryset, values)
    return queryset


def with_relations(queryset):
    queryset = queryset.with_relations()
    for facet in directory_facets():
        queryset = facet.prefetch(queryset)
    return queryset


def partner_document(partner):
    return {
        "id": partner.pk,
        "name": partner.name,
        "description": description_text(partner.short_description, partner.description),
        "sectors_text": " ".join(sector.name for sector in sectors_of(partner)),
        "municipality": partner.municipality,
        **{facet.facet.document_field: facet.values(partner) for facet in directory_facets()},
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


def vocabulary():
    return [
        *SectorTag.objects.values_list("name", flat=True),
        *Region.objects.values_list("name", flat=True),
        *Offer.objects.values_list("name", flat=True),
        *Partner.objects.live().values_list("name", flat=True),
    ]


def read_freshness():
    """Changes whenever what the directory filters or sorts on may have changed: a partner's
    own fields and relations (saving bumps updated_at), and what the contributed facets say."""
    return (
        Partner.objects.aggregate(count=Count("pk"), changed=Max("updated_at")),
        *(facet.freshness() for facet in _contributed),
    )


def freshness():
    # Every save or delete of a partner, a signature or a campus (and of their relations)
    # replaces the content version, so within one version the aggregates cannot change: read
    # them once per version instead of with every search (issue 14, the query budget).
    return memo(("search-freshness", INDEX_NAME), read_freshness)


def build_index():
    return IndexDefinition(
        name=INDEX_NAME,
        queryset=live_partners,
        document=partner_document,
        text_fields={"name": 3, "sectors_text": 2, "description": 1, "municipality": 1},
        autocomplete_field="name",
        facets=tuple(facet.facet for facet in directory_facets()),
        name_sort_field="name",
        newest_sort_field="created_at",
        prefetch=with_relations,
        vocabulary=vocabulary,
        freshness=freshness,
        text_documents=text_documents,
    )
