"""Partners: the organisations of the talent ecosystem."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from ..normalise import name_key, website_domain
from .taxonomy import Region

PROFILE_PATH = "/partners/{slug}/"


def coordinate_field(label):
    """A latitude or longitude in degrees (WGS84), to the metre; optional everywhere."""
    return models.DecimalField(label, max_digits=9, decimal_places=6, null=True, blank=True)


class PartnerKind(models.TextChoices):
    BUSINESS = "bedrijfsleven", "Bedrijfsleven"
    EDUCATION = "onderwijs", "Onderwijs"
    GOVERNMENT = "overheid", "Overheid"
    CIVIL_SOCIETY = "maatschappelijk", "Maatschappelijke organisatie"
    OTHER = "overig", "Overig"


class EducationLevel(models.Model):
    """An education level a school teaches at (po, vo/vmbo, mbo, hbo, wo, bedrijfsopleiding)."""

    name = models.CharField("Naam", max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Onderwijsniveau"
        verbose_name_plural = "Onderwijsniveaus"

    def __str__(self):
        return self.name


class Offer(models.Model):
    """What a partner offers ("wat wij bieden"): a fixed list, created by a migration."""

    name = models.CharField("Naam", max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Aanbod"
        verbose_name_plural = "Aanbod"

    def __str__(self):
        return self.name


class SectorTag(TagBase):
    """A sector (installatietechniek, maritiem, ...): shared by partners and campuses."""

    class Meta:
        verbose_name = "Sector"
        verbose_name_plural = "Sectoren"


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
        match = models.Q(name_key=name_key(name))
        domain = website_domain(website)
        if domain:
            match |= models.Q(website_domain=domain)
        return self.filter(match)


class Partner(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """An organisation in the talent ecosystem: company, school, government or other.

    A partner created by someone signing the manifest stays a draft, and so appears nowhere
    public, until a moderator approves the signature.
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
    latitude = coordinate_field("Breedtegraad")
    longitude = coordinate_field("Lengtegraad")
    website = models.URLField("Website", blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_description = models.TextField("Korte omschrijving", max_length=500, blank=True)
    description = RichTextField(
        "Omschrijving", blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    is_demo = models.BooleanField(
        "Demodata", default=False, help_text="Fictieve organisatie, alleen voor demonstratie."
    )
    # Derived on save, to recognise the same organisation when it signs a second time.
    website_domain = models.CharField(max_length=253, blank=True, editable=False, db_index=True)
    name_key = models.CharField(max_length=200, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed: the directory checks MAX(updated_at) on every search (search_index.freshness).
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="partner")

    objects = PartnerQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("short_description"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("regions"),
                FieldPanel("sectors"),
                FieldPanel("education_levels"),
                FieldPanel("offers"),
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

    def get_absolute_url(self):
        # The directory page (website app) serves profiles here: part of the public contract.
        return PROFILE_PATH.format(slug=self.slug)

    @property
    def revisions(self):
        return self._revisions

    def save(self, *args, **kwargs):
        self.website_domain = website_domain(self.website)
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)
