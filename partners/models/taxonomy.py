"""The manifest's taxonomy: regions, themes and action lines. Actions are in actions.py."""

from django.db import models
from wagtail.admin.panels import FieldPanel
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
