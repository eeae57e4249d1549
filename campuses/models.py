"""The technical campuses: public-private partnerships of schools, companies and governments,
as pages under the campus overview, with the partners that take part."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models import (
    BasePage,
    EconomicRegion,
    EducationLevel,
    ImageAltMixin,
    Offer,
    Region,
    SectionPageMixin,
    SectorTag,
    latitude_field,
    longitude_field,
    optional_image,
)
from core.text import PlainTextFieldsMixin
from partners.models import Partner, PartnerKind
from partners.widgets import partner_search

from . import campus_map
from .forms import CampusFilterForm


class CampusIndexPage(SectionPageMixin, BasePage):
    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    subpage_types = ["campuses.CampusPage"]
    max_count = 1

    class Meta:
        verbose_name = "Campusoverzicht"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = CampusFilterForm(request.GET or None)
        context["form"] = form
        # Read only when the template's cached fragment for these filters is not there.
        context["listing"] = SimpleLazyObject(lambda: self.listing(form))
        return context

    def listing(self, form):
        shown = list(
            form.filter(CampusPage.objects.child_of(self).live().public())
            .select_related("region")
            .order_by("economic_region", "title")
        )
        return {
            "campuses": shown,
            # Economic regions in the province's order: Noord-Holland Noord, then the MRA.
            "groups": [
                (label, [campus for campus in shown if campus.economic_region == value])
                for value, label in EconomicRegion.choices
            ],
            "map": campus_map.map_context(shown, Region.objects.all()),
        }


class CampusKind(models.TextChoices):
    CAMPUS = "campus", "Campus"
    PROJECT_PPS = "project-pps", "Project-pps"


class CampusSector(ItemBase):
    """Campuses use the same sector tags as partners, so one filter serves both."""

    tag = models.ForeignKey(SectorTag, on_delete=models.CASCADE, related_name="tagged_campuses")
    content_object = ParentalKey(
        "campuses.CampusPage", on_delete=models.CASCADE, related_name="tagged_sectors"
    )


class CampusQuerySet(PageQuerySet):
    def choices(self):
        """Live, public campuses by name: the options of every "campus" filter."""
        return self.live().public().order_by("title")


class CampusPage(PlainTextFieldsMixin, ImageAltMixin, BasePage):
    """A technical campus: a public-private partnership of schools, companies and governments."""

    plain_text_fields = ("title",)
    kind = models.CharField(
        "Soort", max_length=20, choices=CampusKind.choices, default=CampusKind.CAMPUS
    )
    economic_region = models.CharField(
        "Economische regio", max_length=3, choices=EconomicRegion.choices
    )
    region = models.ForeignKey(
        Region,
        verbose_name="Arbeidsmarktregio",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campuses",
    )
    place = models.CharField("Plaats", max_length=120, blank=True)
    focus = models.CharField("Focus", max_length=255, blank=True)
    sectors = ClusterTaggableManager("Sectoren", through=CampusSector, blank=True)
    levels = ParentalManyToManyField(
        EducationLevel, verbose_name="Onderwijsniveaus", blank=True, related_name="+"
    )
    offers = ParentalManyToManyField(
        Offer, verbose_name="Wat de campus biedt", blank=True, related_name="+"
    )
    logo = optional_image("Logo")
    hero_image = optional_image("Grote afbeelding")
    hero_image_alt = models.CharField(
        "Alt-tekst van de grote afbeelding",
        max_length=200,
        blank=True,
        help_text="Laat leeg om de beschrijving uit de afbeeldingenbibliotheek te gebruiken. "
        "Beschrijf wat er op de afbeelding te zien is, voor wie hem niet kan zien.",
    )
    address = models.CharField("Adres", max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    website = models.URLField("Website", blank=True)
    contact_email = models.EmailField(
        "Contact (e-mail)", blank=True, help_text="Een algemeen adres, nooit een persoonlijk."
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)
    # Declared here, on the higher app, and read from the registry as `partner.campuses`.
    partners = ParentalManyToManyField(
        Partner, verbose_name="Deelnemende partners", blank=True, related_name="campuses"
    )
    lead_schools = ParentalManyToManyField(
        Partner, verbose_name="Penvoerende school", blank=True, related_name="+"
    )
    # Set per user by an administrator in the user form (campuses/users.py), never in the page
    # form: a coordinator must not be able to widen their own rights. Not part of revisions.
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="Campuscoördinatoren",
        blank=True,
        related_name="coordinated_campuses",
    )

    objects = PageManager.from_queryset(CampusQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("economic_region"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("focus")]),
        MultiFieldPanel(
            [
                FieldPanel("sectors"),
                FieldPanel("levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("offers", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Profiel",
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading="Beeld",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("lead_schools", widget=partner_search()),
                FieldPanel("partners", widget=partner_search()),
            ],
            heading="Wie doen er mee",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("website"),
                FieldPanel("contact_email"),
            ],
            heading="Adres en contact",
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("focus", boost=2),
        index.SearchField("place"),
        index.SearchField("body"),
        index.FilterField("economic_region"),
    ]

    parent_page_types = ["campuses.CampusIndexPage"]
    subpage_types = []

    image_alt_fields = {"hero_image": "hero_image_alt"}
    exclude_fields_in_copy = ["coordinators"]

    class Meta:
        verbose_name = "Campus"
        verbose_name_plural = "Campussen"
        permissions = [
            (
                "coordinate_campus",
                "Kan als campuscoördinator de eigen campussen, hun evenementen, aanmeldingen "
                "en partners beheren",
            )
        ]

    @property
    def share_image(self):
        return self.hero_image

    def partner_groups(self):
        """The live partners grouped by kind, so the triple helix is visible:
        [(label, [partners])]."""
        groups = {kind: [] for kind, _ in PartnerKind.choices}
        # filter(), not live(): a preview holds its partners in memory, not in a queryset.
        for partner in self.partners.filter(live=True).order_by("name"):
            groups[partner.kind].append(partner)
        labels = dict(PartnerKind.groups())
        return [(labels[kind], members) for kind, members in groups.items() if members]
