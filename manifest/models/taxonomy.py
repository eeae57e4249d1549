"""The manifest's own lists: its six themes and the five action lines of the agenda."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.models import BaseTaxonomy


class Theme(index.Indexed, BaseTaxonomy):
    """One of the six themes of the manifest."""

    description = models.TextField("Omschrijving", blank=True)

    panels = [*BaseTaxonomy.panels, FieldPanel("description")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(BaseTaxonomy.Meta):
        verbose_name = "Thema"
        verbose_name_plural = "Thema's"


class ActionLine(models.Model):
    """An action line (actielijn) I to V of the implementation agenda."""

    code = models.CharField(
        "Code", max_length=5, unique=True, help_text="Romeins cijfer, zoals in de agenda: I t/m V."
    )
    title = models.CharField("Titel", max_length=200)
    goal = models.TextField("Doel")
    description = models.TextField("Toelichting", blank=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "Actielijn"
        verbose_name_plural = "Actielijnen"

    def __str__(self):
        return f"{self.code}. {self.title}"
