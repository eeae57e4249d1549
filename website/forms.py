from partners.forms import FilterForm, SlugChoiceField
from partners.models import EducationLevel, Region, SectorTag


class CampusFilterForm(FilterForm):
    regio = SlugChoiceField(Region.objects.all(), label="Regio", empty_label="Alle regio's")
    sector = SlugChoiceField(
        SectorTag.objects.order_by("name"), label="Sector", empty_label="Alle sectoren"
    )
    niveau = SlugChoiceField(
        EducationLevel.objects.filter(slug__in=["vo-vmbo", "mbo", "hbo", "wo"]),
        label="Onderwijsniveau",
        empty_label="Alle niveaus",
    )
