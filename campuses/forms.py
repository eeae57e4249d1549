from core.forms import FilterForm, SlugChoiceField
from core.models import EducationLevel, Region, SectorTag

# The levels a campus teaches at; primary schools and company training have no campus.
CAMPUS_LEVELS = ["vo-vmbo", "mbo", "hbo", "wo"]


class CampusFilterForm(FilterForm):
    regio = SlugChoiceField(Region.objects.all, label="Regio", empty_label="Alle regio's")
    sector = SlugChoiceField(
        lambda: SectorTag.objects.order_by("name"), label="Sector", empty_label="Alle sectoren"
    )
    niveau = SlugChoiceField(
        lambda: EducationLevel.objects.filter(slug__in=CAMPUS_LEVELS),
        label="Onderwijsniveau",
        empty_label="Alle niveaus",
    )

    lookups = {"regio": "region", "sector": "sectors", "niveau": "levels"}
