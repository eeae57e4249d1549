"""The registry of the talent ecosystem's organisations, what the partner directory indexes of
them, and the directory page with the profiles. Apps above partners add facets about their
relation to a partner through the hook `directory_facets` (docs/architecture.md, "Hooks").
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.paginator import Paginator
from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Page, RevisionMixin, WorkflowMixin
from wagtail.search import index

from core.forms import UNKNOWN_VALUE, FilterForm, PlaceField
from core.links import routed_url
from core.models import (
    BasePage,
    EducationLevel,
    Offer,
    Region,
    SectionPageMixin,
    SectorTag,
    demo_flag,
    demo_flag_panel,
    latitude_field,
    longitude_field,
    optional_image,
    slug_panel,
)
from core.pagecache import content_version
from core.pages import SitemapEntries, render_subpage
from core.text import MAX_QUERY_LENGTH, PlainTextFieldsMixin, clean_query
from search import service
from search.port import SORTS, FacetDefinition, IndexDefinition, SearchQuery

from .logos import adopt_logo
from .normalise import organisation_key, website_domain


class PartnerKind(models.TextChoices):
    """What one organisation is; `groups()` names them together, as filters do."""

    BUSINESS = "bedrijfsleven", "Bedrijf"
    EDUCATION = "onderwijs", "Onderwijs"
    GOVERNMENT = "overheid", "Overheid"
    CIVIL_SOCIETY = "maatschappelijk", "Maatschappelijke organisatie"
    OTHER = "overig", "Overig"

    @classmethod
    def groups(cls):
        return [
            (cls.BUSINESS.value, "Bedrijven"),
            (cls.EDUCATION.value, "Onderwijs"),
            (cls.GOVERNMENT.value, "Overheid"),
            (cls.CIVIL_SOCIETY.value, "Maatschappelijke organisaties"),
            (cls.OTHER.value, "Overig"),
        ]


class PartnerSector(ItemBase):
    tag = models.ForeignKey(SectorTag, on_delete=models.CASCADE, related_name="tagged_partners")
    content_object = ParentalKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="tagged_sectors"
    )


class PartnerQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def matching(self, name, website):
        """Partners that are the same organisation: same website domain or same name key."""
        match = models.Q(name_key=organisation_key(name))
        domain = website_domain(website)
        if domain:
            match |= models.Q(website_domain=domain)
        return self.filter(match)


class Partner(
    PlainTextFieldsMixin,
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """An organisation. One created by someone signing the manifest stays a draft, nowhere
    public, until a moderator approves the signature; a change by someone who may not publish
    (a campus coordinator) goes through the workflow "Redactiecontrole"."""

    plain_text_fields = ("name",)
    name = models.CharField("Naam", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField("Soort", max_length=20, choices=PartnerKind.choices)
    education_levels = ParentalManyToManyField(
        EducationLevel,
        verbose_name="Onderwijsniveaus",
        blank=True,
        related_name="partners",
        help_text="Voor scholen: op welke niveaus wordt lesgegeven?",
    )
    regions = ParentalManyToManyField(
        Region, verbose_name="Regio's", blank=True, related_name="partners"
    )
    sectors = ClusterTaggableManager(
        "Sectoren",
        through=PartnerSector,
        blank=True,
        help_text="Kies bij voorkeur bestaande sectoren, zodat het filter ze samen toont.",
    )
    offers = ParentalManyToManyField(
        Offer, verbose_name="Wat wij bieden", blank=True, related_name="partners"
    )
    address = models.CharField("Adres", max_length=200, blank=True)
    postcode = models.CharField("Postcode", max_length=10, blank=True)
    municipality = models.CharField("Gemeente", max_length=100, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    website = models.URLField("Website", blank=True)
    logo = optional_image("Logo")
    short_description = models.TextField("Korte omschrijving", max_length=500, blank=True)
    description = RichTextField(
        "Omschrijving", blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    is_demo = demo_flag("Fictieve organisatie, alleen voor demonstratie.")
    # Derived on save, to recognise the same organisation when it signs a second time.
    website_domain = models.CharField(max_length=253, blank=True, editable=False, db_index=True)
    name_key = models.CharField(max_length=200, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed: the open data filters on it and answers MAX(updated_at) as Last-Modified.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="partner")
    _workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="partner",
        for_concrete_model=False,
    )

    objects = PartnerQuerySet.as_manager()

    panels = [
        # The slug follows the name until the partner is published (Wagtail's slug sync).
        TitleFieldPanel("name", placeholder=False),
        slug_panel(widget=SlugInput),
        FieldPanel("kind"),
        FieldPanel("short_description"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sectors"),
                FieldPanel("education_levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("offers", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Indeling",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("municipality")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Adres",
        ),
        demo_flag_panel(),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("short_description"),
        index.SearchField("description"),
        index.SearchField("municipality"),
        index.RelatedFields(
            "sectors", [index.SearchField("name"), index.AutocompleteField("name")]
        ),
        index.FilterField("kind"),
        index.FilterField("live"),
        # The admin listing narrows rows by id for roles that see some partners only
        # (core/permissions.py), also while searching.
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "Partner"
        verbose_name_plural = "Partners"
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="partner_unique_name_key"),
            models.UniqueConstraint(
                fields=["website_domain"],
                condition=~models.Q(website_domain=""),
                name="partner_unique_website_domain",
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def unique_slug(cls, name):
        base = slugify(name)[:200] or "organisatie"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def get_absolute_url(self):
        return routed_url(PartnerIndexPage, "profile", self.slug)

    @property
    def revisions(self):
        return self._revisions

    @property
    def workflow_states(self):
        return self._workflow_states

    def save(self, *args, **kwargs):
        self.website_domain = website_domain(self.website)
        self.name_key = organisation_key(self.name)
        super().save(*args, **kwargs)
        if self.logo_id:
            adopt_logo(self.logo_id)


# --- what the directory indexes ------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFacet:
    """A facet of the directory and how the registry's data feeds it."""

    facet: FacetDefinition
    order: int
    # Document values of one partner, read after `annotate` and `prefetch` were applied.
    values: Callable[[Partner], list[str]]
    # queryset -> queryset with what `values` reads; by default a copy, unchanged.
    annotate: Callable = models.QuerySet.all
    prefetch: Callable = models.QuerySet.all
    # URL values -> the values the ORM lookup reads, where they differ ("ja" -> True).
    decode: Callable[[list[str]], list] = list


def sectors_of(partner):
    # From the prefetched rows: `partner.sectors.all()` would query again.
    return [item.tag for item in partner.tagged_sectors.all()]


def taxonomy_facet(order, param, label, relation, model, items=None):
    """A facet over the slugs of one of the partner's taxonomies."""

    def labels():
        return dict(model.objects.values_list("slug", "name"))

    items = items or (lambda partner: getattr(partner, relation).all())
    return DirectoryFacet(
        FacetDefinition(param, label, param, f"{relation}__slug", labels),
        order=order,
        values=lambda partner: [item.slug for item in items(partner)],
    )


OWN_FACETS = [
    DirectoryFacet(
        FacetDefinition("soort", "Soort", "kind", "kind", lambda: dict(PartnerKind.groups())),
        order=10,
        values=lambda partner: [partner.kind],
    ),
    taxonomy_facet(20, "regio", "Regio", "regions", Region),
    taxonomy_facet(30, "sector", "Sector", "sectors", SectorTag, items=sectors_of),
    taxonomy_facet(40, "niveau", "Onderwijsniveau", "education_levels", EducationLevel),
    taxonomy_facet(60, "aanbod", "Wat zij bieden", "offers", Offer),
]


def directory_facets():
    facets = [*OWN_FACETS, *hooks.get_hooks("directory_facets")]
    return sorted(facets, key=lambda facet: facet.order)


def live_partners():
    queryset = Partner.objects.live()
    for facet in directory_facets():
        queryset = facet.annotate(queryset)
    return queryset


def filtered_partners(filters):
    """Live partners with, for each facet param in `filters`, one of its values (as URLs name
    them): the directory's facets without its ranking, for the open data and the alerts."""
    queryset = live_partners()
    for facet in directory_facets():
        values = filters.get(facet.facet.param)
        if values:
            lookup = {f"{facet.facet.orm_lookup}__in": facet.decode(values)}
            matching = facet.annotate(Partner.objects.all()).filter(**lookup)
            # A subquery, so a lookup across a many-to-many relation repeats no partner.
            queryset = queryset.filter(pk__in=matching.values("pk"))
    return queryset


def with_relations(queryset):
    """With the taxonomies a search document and the open data show."""
    queryset = queryset.prefetch_related(
        "regions", "tagged_sectors__tag", "education_levels", "offers"
    )
    for facet in directory_facets():
        queryset = facet.prefetch(queryset)
    return queryset


TEXT_COLUMNS = ("name", "short_description", "description", "municipality")


def text_fields(name, short_description, description, municipality, sector_names):
    return {
        "name": name,
        "description": " ".join(filter(None, [short_description, strip_tags(description)])),
        "sectors_text": " ".join(sector_names),
        "municipality": municipality,
    }


def partner_document(partner):
    columns = [getattr(partner, column) for column in TEXT_COLUMNS]
    return {
        "id": partner.pk,
        **text_fields(*columns, [sector.name for sector in sectors_of(partner)]),
        **{facet.facet.document_field: facet.values(partner) for facet in directory_facets()},
        "created_at": partner.created_at.isoformat(),
    }


def text_documents(ids):
    """The searchable text of a page of partners, for highlighting: two light queries."""
    sectors = {}
    tagged = PartnerSector.objects.filter(content_object_id__in=ids).order_by("tag__name")
    for partner_id, name in tagged.values_list("content_object_id", "tag__name"):
        sectors.setdefault(partner_id, []).append(name)
    rows = Partner.objects.filter(pk__in=ids).values_list("pk", *TEXT_COLUMNS)
    return {pk: text_fields(*columns, sectors.get(pk, [])) for pk, *columns in rows}


def vocabulary():
    named = [SectorTag.objects, Region.objects, Offer.objects, Partner.objects.live()]
    return [name for rows in named for name in rows.values_list("name", flat=True)]


def directory_index():
    return IndexDefinition(
        name="partner",
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


# --- the directory page --------------------------------------------------------------------

PER_PAGE = 20
MAX_PAGE = 1000
SORT_LABELS = {"relevantie": "Relevantie", "naam": "Naam (A-Z)", "nieuwste": "Nieuwste eerst"}
SUGGESTIONS = 8


def page_number(value):
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def search_query(params, index):
    """A SearchQuery from GET parameters, and a notice for each facet whose values included
    one the directory does not know (a removed region, a mistyped link). Unknown or malformed
    values are dropped, as the other listings' filter forms drop them."""
    text = clean_query(params.get("q"))
    sort = params.get("sortering")
    if sort not in SORTS:
        sort = "relevantie" if text else "naam"
    filters, notices = {}, []
    for facet in index.facets:
        values = params.getlist(facet.param)
        known = facet.labels() if values else {}
        filters[facet.param] = [value for value in values if value in known]
        if len(filters[facet.param]) < len(values):
            notices.append(f"{facet.label}: {UNKNOWN_VALUE}")
    query = SearchQuery(
        text=text,
        filters=filters,
        sort=sort,
        page=page_number(params.get("pagina")),
        per_page=PER_PAGE,
    )
    return query, notices


class PlaceForm(FilterForm):
    plaats = PlaceField(help_text="U ziet de partners die actief zijn in de regio van die plaats.")


def place_params(params):
    """`params` with a place (`plaats`) read as its region, and the place's form (its field
    and notice). Partners name the regions they work in and seldom an address: a school in
    Hoorn looks for partners active in Noord-Holland Noord, not in a circle on the map."""
    form = PlaceForm(params)
    place = form.active_filters.get("plaats")
    if place is None:
        return params, form
    params = params.copy()
    params.setlist("regio", [place.region])
    return params, form


def result_cards(hits):
    """(hit, partner) for each search hit, with what a result card shows; a hit whose
    partner is gone (an index a moment behind) gets no card."""
    partners = (
        Partner.objects.filter(pk__in=[hit.pk for hit in hits])
        .select_related("logo")
        .prefetch_related("regions", "tagged_sectors__tag")
        .in_bulk()
    )
    return [(hit, partners[hit.pk]) for hit in hits if hit.pk in partners]


def directory_search(params):
    """What the directory shows for the search in `params`."""
    index = directory_index()
    params, place_form = place_params(params)
    place = place_form.active_filters.get("plaats")
    query, ignored_filters = search_query(params, index)
    results = service.run(index, query)
    if query.page > 1 and not results.hits and results.total:
        # Past the end: show the last page rather than an empty one.
        query.page = (results.total - 1) // PER_PAGE + 1
        results = service.run(index, query)
    facets = [(facet, results.facets.get(facet.param, [])) for facet in index.facets]
    chosen = [(facet, value) for facet, values in facets for value in values if value.selected]
    return {
        "query": query,
        "results": results,
        "cards": result_cards(results.hits),
        "page_obj": Paginator(range(results.total), PER_PAGE).get_page(query.page),
        "facets": facets,
        # The place's region is removed with the place, not on its own.
        "active_filters": [item for item in chosen if not (place and item[0].param == "regio")],
        "place_form": place_form,
        "ignored_filters": ignored_filters,
        "place_region": next(
            (value.label for facet, value in chosen if place and facet.param == "regio"), None
        ),
    }


class PartnerIndexPage(SectionPageMixin, RoutablePageMixin, BasePage):
    """The partner directory at /partners/, and the profiles at /partners/<slug>/."""

    content_panels = Page.content_panels + [FieldPanel("intro")]

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Partnergids"

    def get_sitemap_urls(self, request=None):
        entries = SitemapEntries(self, request)
        profiles = Partner.objects.live().order_by("slug").values_list("slug", "updated_at")
        return [
            *super().get_sitemap_urls(request),
            *(entries.route("profile", slug, lastmod=updated) for slug, updated in profiles),
        ]

    @path("")
    def directory(self, request):
        # Searched only when the template's cached fragment for these filters is not there.
        context = {
            "search": SimpleLazyObject(lambda: directory_search(request.GET)),
            "max_query_length": MAX_QUERY_LENGTH,
            "sort_labels": SORT_LABELS,
        }
        return self.render(request, context_overrides=context)

    @path("suggesties/", name="suggestions")
    def suggestions(self, request):
        """Names for the search box's autocomplete."""
        text = clean_query(request.GET.get("q"))
        names = []
        if len(text) >= 2:
            query = SearchQuery(text=text, sort="relevantie", per_page=SUGGESTIONS)
            hits = [hit.pk for hit in service.run(directory_index(), query).hits]
            found = dict(Partner.objects.filter(pk__in=hits).values_list("pk", "name"))
            names = [found[pk] for pk in hits if pk in found]
        return JsonResponse({"suggestions": names})

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        # Through the directory's facets, which annotate what apps above partners know of a
        # partner (whether it signed the manifest), so their sections need not ask again.
        partner = get_object_or_404(live_partners().select_related("logo"), slug=slug)
        return render_subpage(
            self, request, "partners/partner_profile.html", [(partner.name, None)], partner=partner
        )
