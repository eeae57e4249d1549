"""What the partner directory indexes (`directory_index()`), for the search service.

The directory's own facets are the partner's fields. Apps above partners add facets about
their relation to a partner (the campuses it takes part in, whether it signed the manifest)
for the hook `directory_facets`; partners never imports them (docs/architecture.md, "Hooks").
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail import hooks

from core.models import EducationLevel, Offer, Region, SectorTag
from core.pagecache import content_version
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
    # URL values -> the values the ORM lookup reads, where they differ ("ja" -> True).
    decode: Callable[[list[str]], list] = list

    def narrow(self, queryset, values):
        """Partners with any of `values` (as URLs name them) for this facet."""
        lookup = f"{self.facet.orm_lookup}__in"
        matching = self.annotate(Partner.objects.all()).filter(**{lookup: self.decode(values)})
        # A subquery, so a lookup across a many-to-many relation repeats no partner.
        return queryset.filter(pk__in=matching.values("pk"))


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
    """The directory's own facets and those registered for the hook `directory_facets`."""
    facets = [*OWN_FACETS, *hooks.get_hooks("directory_facets")]
    return sorted(facets, key=lambda facet: facet.order)


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


def directory_index():
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
        # What the directory filters and sorts on is content: it changes with the version.
        freshness=content_version,
        text_documents=text_documents,
    )
