"""Admin form controls that scale: a many-to-many field over a long list (hundreds of
partners) is not a Ctrl-click multi-select of every row but the rows already chosen and a
search box that adds more. The search is an admin URL of the app that owns the model
(`partners_autocomplete`), answering `{"results": [{"id": ..., "label": ...}]}`."""

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse


class AutocompleteMultiple(forms.SelectMultiple):
    """The chosen rows as checked checkboxes (untick to remove; works without JavaScript) and
    a search box (static/js/admin-autocomplete.js); never the whole table."""

    def __init__(self, search_url_name, placeholder="Zoek op naam", attrs=None):
        super().__init__(attrs)
        self.search_url_name = search_url_name
        self.placeholder = placeholder

    @property
    def media(self):
        return forms.Media(js=["js/admin-autocomplete.js"], css={"all": ["css/admin.css"]})

    def chosen(self, values):
        queryset = getattr(self.choices, "queryset", None)
        valid = [value for value in values if value.isdigit()]
        if queryset is None or not valid:
            return []
        rows = {str(row.pk): row for row in queryset.filter(pk__in=valid)}
        return [(pk, str(rows[pk])) for pk in valid if pk in rows]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        context = {
            "name": name,
            "id": attrs.get("id") or f"id_{name}",
            "url": reverse(self.search_url_name),
            "placeholder": self.placeholder,
            "chosen": self.chosen(self.format_value(value)),
        }
        return render_to_string("core/widgets/autocomplete_multiple.html", context)
