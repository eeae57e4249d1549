"""Initiatives: concrete projects that carry manifest actions forward."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from campuses.models import CampusPage
from core.models import Region, demo_flag, demo_flag_panel, optional_image, slug_panel
from core.text import PlainTextFieldsMixin
from partners.models import Partner
from partners.widgets import partner_search

from .actions import ManifestAction
from .taxonomy import Theme


class InitiativeStatus(models.TextChoices):
    PLANNED = "gepland", "Gepland"
    RUNNING = "lopend", "Lopend"
    COMPLETED = "afgerond", "Afgerond"


class InitiativeTag(TaggedItemBase):
    content_object = ParentalKey(
        "manifest.Initiative", on_delete=models.CASCADE, related_name="tagged_items"
    )


class InitiativeQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("lead_partner", "image").prefetch_related(
            "actions", "themes", "regions"
        )

    def for_detail(self):
        return self.select_related("lead_partner", "image").prefetch_related(
            "actions__line", "themes", "regions", "partners", "campuses", "tags"
        )


class Initiative(
    PlainTextFieldsMixin,
    PreviewableMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A concrete initiative that carries one or more manifest actions forward."""

    plain_text_fields = ("title",)
    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField(
        max_length=220,
        unique=True,
        help_text="Het laatste deel van het webadres van het initiatief.",
    )
    summary = models.CharField("Samenvatting", max_length=300)
    description = RichTextField(
        "Omschrijving", blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    status = models.CharField(
        "Status", max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.RUNNING
    )
    start_date = models.DateField("Startdatum", null=True, blank=True)
    end_date = models.DateField("Einddatum", null=True, blank=True)
    actions = ParentalManyToManyField(
        ManifestAction,
        verbose_name="Manifestacties",
        related_name="initiatives",
        help_text="Aan welke acties van het manifest draagt dit initiatief bij? Minstens één.",
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name="Thema's", blank=True, related_name="initiatives"
    )
    regions = ParentalManyToManyField(
        Region, verbose_name="Regio's", blank=True, related_name="initiatives"
    )
    lead_partner = models.ForeignKey(
        Partner,
        verbose_name="Trekker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_initiatives",
    )
    partners = ParentalManyToManyField(
        Partner, verbose_name="Deelnemende partners", blank=True, related_name="initiatives"
    )
    campuses = ParentalManyToManyField(
        CampusPage, verbose_name="Campussen", blank=True, related_name="initiatives"
    )
    website = models.URLField("Website", blank=True)
    image = optional_image("Afbeelding")
    tags = ClusterTaggableManager("Trefwoorden", through=InitiativeTag, blank=True)
    contact_email = models.EmailField(
        "Contact (e-mail)",
        blank=True,
        help_text="Alleen een algemeen adres (zoals info@...), nooit een persoonlijk adres.",
    )
    is_demo = demo_flag("Fictief initiatief, alleen voor demonstratie.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="initiative")

    objects = InitiativeQuerySet.as_manager()

    panels = [
        # The slug follows the title until the initiative is published (Wagtail's slug sync).
        TitleFieldPanel("title", placeholder=False),
        slug_panel(widget=SlugInput),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("actions", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("campuses", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Indeling",
        ),
        MultiFieldPanel(
            [FieldPanel("lead_partner"), FieldPanel("partners", widget=partner_search())],
            heading="Wie doen er mee",
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("contact_email"),
                FieldPanel("image"),
                FieldPanel("tags"),
            ],
            heading="Meer informatie",
        ),
        demo_flag_panel(),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.FilterField("live"),
        index.FilterField("status"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "Initiatief"
        verbose_name_plural = "Initiatieven"

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        # RevisionMixin's history, through the GenericRelation so it can be prefetched.
        return self._revisions

    def get_absolute_url(self):
        return reverse("manifest:initiative_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "De einddatum ligt voor de startdatum."})

    def publish(self, revision, *args, **kwargs):
        # The manifest is the reason initiatives are listed at all: a live initiative must
        # say which action it serves, whichever way it gets published (admin, API, script).
        if not revision.as_object().actions.exists():
            raise ValidationError(
                "Koppel het initiatief aan ten minste één manifestactie voordat u het publiceert."
            )
        return super().publish(revision, *args, **kwargs)

    def get_preview_template(self, request, mode_name):
        return "manifest/initiative_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"initiative": self, "request": request}
