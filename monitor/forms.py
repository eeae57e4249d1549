from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError

from core.forms import FilterForm, QuickSelect, SlugChoiceField

from .importing import Unreadable, parse_period
from .models import Area, Indicator

CHOOSE_AREA = "Kies een gebied uit de lijst."


class CompareForm(forms.Form):
    """Two areas side by side (GET). The choices are the areas the page already read, so the
    form costs no query of its own."""

    regio = forms.ChoiceField(
        label="Gebied", widget=QuickSelect, error_messages={"invalid_choice": CHOOSE_AREA}
    )
    met = forms.ChoiceField(
        label="Vergelijken met", widget=QuickSelect, error_messages={"invalid_choice": CHOOSE_AREA}
    )

    def __init__(self, data=None, *, areas, **kwargs):
        super().__init__(data, **kwargs)
        self.areas = {area.slug: area for area in areas}
        for name in ("regio", "met"):
            self.fields[name].choices = [(area.slug, area.name) for area in areas]
            self.fields[name].error_messages["required"] = CHOOSE_AREA

    def clean(self):
        data = super().clean()
        if data.get("regio") and data.get("regio") == data.get("met"):
            raise ValidationError("Kies twee verschillende gebieden om te vergelijken.")
        return data

    def chosen(self):
        """The two areas, once the form is valid."""
        return self.areas[self.cleaned_data["regio"]], self.areas[self.cleaned_data["met"]]


class PeriodField(forms.CharField):
    """A period as people or CBS write it, cleaned to (PeriodKind, first day)."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except Unreadable as error:
            raise ValidationError(f"{error}.") from error


class FigureFilterForm(FilterForm):
    """The figures of the open data, by area, indicator and period (GET)."""

    gebied = SlugChoiceField(Area.objects.all, label="Gebied")
    indicator = SlugChoiceField(Indicator.objects.all, label="Indicator")
    periode = PeriodField(required=False, label="Periode")

    lookups = {"gebied": "area", "indicator": "indicator"}

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if period := self.active_filters.get("periode"):
            kind, start = period
            queryset = queryset.filter(period_kind=kind, period_start=start)
        return queryset


def area_selection(area):
    """The query that selects `area` among the figures (the open data, an alert)."""
    return urlencode({"gebied": area.slug})
