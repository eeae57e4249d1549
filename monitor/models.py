"""The labour-market monitor ("Arbeidsmarkt in cijfers"): indicators, the areas figures are
about, the observations themselves, and the page that shows them per region.

Areas reuse core's labour-market regions; the Netherlands, the province and the two economic
regions are areas of their own kind. The municipalities of an area come from core.places.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from wagtail.search import index

from core import places
from core.links import live_page_url, routed_url
from core.models import EconomicRegion, Region, demo_flag, demo_flag_panel, slug_panel


class Better(models.TextChoices):
    HIGHER = "hoger", "Hoger is beter"
    LOWER = "lager", "Lager is beter"
    NEUTRAL = "neutraal", "Geen oordeel"


class Indicator(index.Indexed, models.Model):
    """What is measured: unemployment, gross participation, open vacancies, ..."""

    name = models.CharField("Naam", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    unit = models.CharField(
        "Eenheid",
        max_length=40,
        help_text="Zoals de waarde wordt getoond: '%', 'personen', 'vacatures per werkzoekende'.",
    )
    definition = models.TextField("Definitie", help_text="Wat het cijfer precies meet.")
    source = models.CharField(
        "Bron",
        max_length=200,
        help_text="De bron van de cijfers, tenzij een cijfer zelf een andere noemt.",
    )
    source_url = models.URLField("Link naar de bron", blank=True)
    better = models.CharField(
        "Wat is beter?", max_length=10, choices=Better.choices, default=Better.NEUTRAL
    )
    decimals = models.PositiveSmallIntegerField(
        "Decimalen",
        default=1,
        validators=[MaxValueValidator(4)],
        help_text="Hoeveel cijfers achter de komma.",
    )
    compare_areas = models.BooleanField(
        "Vergelijken met provincie en Nederland",
        default=True,
        help_text="Zet dit uit bij aantallen (personen, vacatures): die hangen af van de "
        "grootte van het gebied.",
    )
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)
    is_demo = demo_flag("Fictieve indicator, alleen voor demonstratie.")

    panels = [
        "name",
        slug_panel(),
        "unit",
        "decimals",
        "better",
        "compare_areas",
        "definition",
        "source",
        "source_url",
        "sort_order",
        demo_flag_panel(),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("definition"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Indicator"
        verbose_name_plural = "Indicatoren"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return routed_url(MonitorPage, "indicator", self.slug)


class AreaKind(models.TextChoices):
    COUNTRY = "land", "Land"
    PROVINCE = "provincie", "Provincie"
    ECONOMIC_REGION = "economische-regio", "Economische regio"
    LABOUR_MARKET_REGION = "arbeidsmarktregio", "Arbeidsmarktregio"


class Area(index.Indexed, models.Model):
    """Where a figure is about. A labour-market region is core's `Region` (its name and slug
    follow the region); the other kinds stand on their own."""

    name = models.CharField("Naam", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField("Soort", max_length=20, choices=AreaKind.choices)
    region = models.OneToOneField(
        Region,
        verbose_name="Arbeidsmarktregio",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="monitor_area",
        help_text="Alleen bij soort arbeidsmarktregio.",
    )
    economic_region = models.CharField(
        "Economische regio",
        max_length=3,
        choices=EconomicRegion.choices,
        blank=True,
        help_text="Alleen bij soort economische regio.",
    )
    cbs_code = models.CharField(
        "CBS-code",
        max_length=20,
        blank=True,
        help_text="De code van het gebied in de tabellen van het CBS, zoals NL01 of PV27.",
    )
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = ["name", slug_panel(), "kind", "region", "economic_region", "cbs_code", "sort_order"]

    search_fields = [index.SearchField("name", boost=2), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Gebied"
        verbose_name_plural = "Gebieden"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.region_id:
            self.name, self.slug = self.region.name, self.region.slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.is_province:  # the province's figures are the page itself
            return live_page_url(MonitorPage)
        return routed_url(MonitorPage, "area", self.slug)

    @property
    def is_province(self):
        return self.kind == AreaKind.PROVINCE

    def clean(self):
        is_region = self.kind == AreaKind.LABOUR_MARKET_REGION
        if is_region != bool(self.region_id):
            raise ValidationError(
                {"region": "Kies een arbeidsmarktregio bij, en alleen bij, die soort gebied."}
            )
        if (self.kind == AreaKind.ECONOMIC_REGION) != bool(self.economic_region):
            raise ValidationError(
                {"economic_region": "Kies een economische regio bij, en alleen bij, die soort."}
            )
        if self.is_province or self.pk is None:
            return
        provinces = Area.objects.filter(kind=AreaKind.PROVINCE)
        # Like deleting it (wagtail_hooks.py): the monitor is built around the province.
        if provinces.filter(pk=self.pk).exists() and not provinces.exclude(pk=self.pk).exists():
            raise ValidationError(
                {
                    "kind": "Dit gebied is de provincie van Arbeidsmarkt in cijfers: de pagina "
                    "toont de cijfers ervan en vergelijkt elk ander gebied ermee. Het blijft "
                    "daarom van de soort Provincie."
                }
            )

    def municipalities(self):
        """The municipalities of Noord-Holland in this area (none for the Netherlands)."""
        everything = places.municipalities()
        if self.kind == AreaKind.PROVINCE:
            return list(everything)
        if self.kind == AreaKind.ECONOMIC_REGION:
            return [item for item in everything if item.economic_region == self.economic_region]
        if self.region_id:
            return [item for item in everything if item.region == self.region.slug]
        return []


class PeriodKind(models.TextChoices):
    YEAR = "jaar", "Jaar"
    QUARTER = "kwartaal", "Kwartaal"
    MONTH = "maand", "Maand"


MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
# The months a period of each kind may start in.
PERIOD_START_MONTHS = {
    PeriodKind.YEAR: {1},
    PeriodKind.QUARTER: {1, 4, 7, 10},
    PeriodKind.MONTH: set(range(1, 13)),
}


def period_label(kind, start):
    """'2020', '2020 K3' or 'mrt 2020'."""
    if kind == PeriodKind.YEAR:
        return str(start.year)
    if kind == PeriodKind.QUARTER:
        return f"{start.year} K{(start.month - 1) // 3 + 1}"
    return f"{MONTHS[start.month - 1]} {start.year}"


class Observation(models.Model):
    """One figure: an indicator's value for an area over a year, quarter or month."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="Indicator", on_delete=models.CASCADE, related_name="observations"
    )
    area = models.ForeignKey(
        Area, verbose_name="Gebied", on_delete=models.CASCADE, related_name="observations"
    )
    period_kind = models.CharField("Soort periode", max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(
        "Begin van de periode", help_text="De eerste dag van het jaar, kwartaal of de maand."
    )
    value = models.DecimalField("Waarde", max_digits=16, decimal_places=4)
    source = models.CharField(
        "Bron", max_length=200, blank=True, help_text="Leeg: de bron van de indicator."
    )
    note = models.CharField(
        "Toelichting",
        max_length=300,
        blank=True,
        help_text="Bijvoorbeeld hoe de bron het cijfer noemt ('rond de 71-72%').",
    )
    # When the figure came in or last changed: the open data's "gewijzigd sinds".
    imported_at = models.DateTimeField("Ingelezen op", default=timezone.now, db_index=True)
    is_demo = demo_flag("Fictief cijfer, alleen voor demonstratie.")

    panels = [
        "indicator",
        "area",
        "period_kind",
        "period_start",
        "value",
        "source",
        "note",
        demo_flag_panel(),
    ]

    class Meta:
        ordering = ["indicator", "area", "period_kind", "period_start"]
        verbose_name = "Waarneming"
        verbose_name_plural = "Waarnemingen"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_kind", "period_start"],
                name="monitor_observation_one_per_period",
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.area} {self.period_label}"

    def clean(self):
        start = self.period_start
        if isinstance(start, datetime.date) and (
            start.day != 1 or start.month not in PERIOD_START_MONTHS.get(self.period_kind, ())
        ):
            raise ValidationError(
                {"period_start": "Kies de eerste dag van het jaar, kwartaal of de maand."}
            )

    @property
    def period_label(self):
        return period_label(self.period_kind, self.period_start)

    @property
    def source_text(self):
        return self.source or self.indicator.source


# isort: off
from .pages import MonitorPage  # noqa: E402 (last: the page's routes use the models above)
# isort: on

__all__ = ["Area", "AreaKind", "Better", "Indicator", "MonitorPage", "Observation", "PeriodKind"]
