"""Partners: the organisations of the talent ecosystem."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from core.links import routed_url
from core.models import (
    CoordinateField,
    EducationLevel,
    Offer,
    Region,
    SectorTag,
    demo_flag,
    optional_image,
)
from partners import models as partner_models

from ..logos import adopt_logo
from ..normalise import name_key, website_domain

INDEX_NAME = "partner"  # the directory's search index (search_index.py)


class PartnerKind(models.TextChoices):
    BUSINESS = "bedrijfsleven", "Bedrijfsleven"
    EDUCATION = "onderwijs", "Onderwijs"
    GOVERNMENT = "overheid", "Overheid"
    CIVIL_SOCIETY = "maatschappelijk", "Maatschappelijke organisatie"
    OTHER = "overig", "Overig"


class PartnerSector(ItemBase):
    tag = models.ForeignKey(SectorTag, on_delete=models.CASCADE, related_name="tagged_partners")
    content_object = ParentalKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="tagged_sectors"
    )


class PartnerQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def with_relations(self):
        """With the taxonomies a profile and a search document show."""
        return self.prefetch_related("regions", "tagged_sectors__tag", "education_levels", "offers")

    def matching(self, name, website):
        """Partners that are the same organisation: same website domain or same name key."""
        match = models.Q(name_key=name_key(name))
        domain = website_domain(website)
        if domain:
            match |= models.Q(website_domain=domain)
        return self.filter(match)


class Partner(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """An organisation in the talent ecosystem: company, school, government or other.

    A partner created by someone signing the manifest stays a draft, and so appears nowhere
    public, until a moderator approves the signature. A change by someone who may not publish
    (a campus coordinator) goes through the workflow "Redactiecontrole".
    """

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
    latitude = CoordinateField("Breedtegraad")
    longitude = CoordinateField("Lengtegraad")
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
    # Indexed: the directory checks MAX(updated_at) on every search (search_index.freshness).
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
        FieldPanel("slug", widget=SlugInput),
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
        FieldPanel("is_demo"),
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
        """A free slug for a new partner called `name`."""
        base = slugify(name)[:200] or "organisatie"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def get_absolute_url(self):
        # The directory page serves profiles; it is defined after this model
        # (models/__init__.py).
        return routed_url(partner_models.PartnerIndexPage, "profile", self.slug)

    @property
    def revisions(self):
        return self._revisions

    @property
    def workflow_states(self):
        return self._workflow_states

    def save(self, *args, **kwargs):
        self.website_domain = website_domain(self.website)
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)
        if self.logo_id:
            adopt_logo(self.logo_id)
