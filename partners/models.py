"""The manifest's taxonomy: regions, themes, action lines and the numbered actions.

These are snippets: editors manage them in the admin, every later part of the site (partners,
initiatives, events, campuses) classifies itself by them.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index


class EconomicRegion(models.TextChoices):
    NOORD_HOLLAND_NOORD = "nhn", "Noord-Holland Noord"
    MRA = "mra", "Metropoolregio Amsterdam"


class Region(index.Indexed, models.Model):
    """One of the five labour-market regions (arbeidsmarktregio's) of Noord-Holland."""

    name = models.CharField("Naam", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    economic_region = models.CharField(
        "Economische regio", max_length=3, choices=EconomicRegion.choices
    )
    description = models.TextField("Omschrijving", blank=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("economic_region"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Arbeidsmarktregio"
        verbose_name_plural = "Arbeidsmarktregio's"

    def __str__(self):
        return self.name


class Theme(index.Indexed, models.Model):
    """One of the six themes of the manifest."""

    name = models.CharField("Naam", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField("Omschrijving", blank=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Thema"
        verbose_name_plural = "Thema's"

    def __str__(self):
        return self.name


class ActionLine(models.Model):
    """An action line (actielijn) I to V of the implementation agenda."""

    code = models.CharField(
        "Code", max_length=5, unique=True, help_text="Romeins cijfer, zoals in de agenda: I t/m V."
    )
    title = models.CharField("Titel", max_length=200)
    goal = models.TextField("Doel")
    description = models.TextField("Toelichting", blank=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("goal"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "Actielijn"
        verbose_name_plural = "Actielijnen"

    def __str__(self):
        return f"{self.code}. {self.title}"


class ManifestActionQuerySet(models.QuerySet):
    def in_agenda_order(self):
        return self.select_related("line").order_by("line__sort_order", "agenda_number", "pk")


class ManifestAction(index.Indexed, ClusterableModel):
    """A numbered action of the agenda.

    The agenda number is deliberately not unique: the policy text numbers two actions "3"
    (one in line I, one in line II) and the site keeps the numbering of the source.
    """

    agenda_number = models.PositiveSmallIntegerField("Actienummer in de agenda")
    line = models.ForeignKey(
        ActionLine, verbose_name="Actielijn", on_delete=models.PROTECT, related_name="actions"
    )
    coalition_code = models.CharField(
        "Ontwikkelcoalitie",
        max_length=10,
        blank=True,
        help_text="Nummer van de ontwikkelcoalitie, zoals '5a'. Leeg als er (nog) geen is.",
    )
    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField("Samenvatting", max_length=300, blank=True)
    description = RichTextField(
        "Omschrijving", blank=True, features=["bold", "italic", "link", "ul"]
    )
    lead_organisation_name = models.CharField(
        "Aanjager",
        max_length=200,
        blank=True,
        help_text="Organisatie die de ontwikkelcoalitie aanjaagt.",
    )

    objects = ManifestActionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("agenda_number"), FieldPanel("line"), FieldPanel("coalition_code")],
            heading="Plaats in de agenda",
        ),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("lead_organisation_name"),
        InlinePanel("targets", label="Doelen", heading="Doelen"),
    ]

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("line_id"),
    ]

    class Meta:
        ordering = ["line__sort_order", "agenda_number", "pk"]
        verbose_name = "Manifestactie"
        verbose_name_plural = "Manifestacties"

    def __str__(self):
        return f"Actie {self.agenda_number}: {self.title}"


class ActionTarget(Orderable):
    """A concrete, dated target of an action ("eind 2023: ten minste 3 combinaties")."""

    action = ParentalKey(ManifestAction, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(
        "Jaar", null=True, blank=True, help_text="Leeg als de agenda geen jaar noemt."
    )
    deadline = models.CharField(
        "Termijn",
        max_length=40,
        blank=True,
        help_text="Zoals in de agenda: 'eind 2023', 'vanaf 2022'.",
    )
    text = models.TextField("Doel")

    panels = [FieldPanel("year"), FieldPanel("deadline"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "Doel"
        verbose_name_plural = "Doelen"

    def __str__(self):
        return f"{self.deadline}: {self.text}" if self.deadline else self.text
