"""Admin form controls that scale (issue 13): a many-to-many field over a long list (hundreds
of partners) is not a Ctrl-click multi-select of every row but the rows already chosen, as
ticked checkboxes, and a search box that adds more.

Short fixed lists (regions, levels, audiences, themes) use Django's `CheckboxSelectMultiple`;
this widget is for the long ones. The search itself is an admin URL of the app that owns the
model (`partners_autocomplete`), answering `{"results": [{"id": ..., "label": ...}]}`.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join


class AutocompleteMultiple(forms.Widget):
    """The chosen rows as checked checkboxes (untick to remove; works without JavaScript) and
    a search box (static/js/admin-autocomplete.js) that adds rows found by `search_url_name`.
    Renders only the chosen rows, never the whole table."""

    allow_multiple_selected = True

    def __init__(self, search_url_name, placeholder="Zoek op naam", attrs=None):
        super().__init__(attrs)
        self.search_url_name = search_url_name
        self.placeholder = placeholder

    @property
    def media(self):
        return forms.Media(js=["js/admin-autocomplete.js"], css={"all": ["css/admin.css"]})

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty selection is a value: everything was unticked

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, list | tuple | set):
            value = [value]
        return [str(getattr(item, "pk", item)) for item in value if item not in ("", None)]

    def chosen(self, values):
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or not values:
            return []
        valid = [value for value in values if value.isdigit()]
        rows = {str(row.pk): row for row in queryset.filter(pk__in=valid)}
        return [(pk, str(rows[pk])) for pk in valid if pk in rows]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.get("id") or f"id_{name}"
        chosen = format_html_join(
            "",
            '<li><label><input type="checkbox" name="{}" value="{}" checked> {}</label></li>',
            ((name, pk, label) for pk, label in self.chosen(self.format_value(value))),
        )
        return format_html(
            '<div class="autocomplete-multiple" data-autocomplete-multiple data-name="{name}" '
            'data-url="{url}">'
            '<ul class="autocomplete-multiple__chosen" data-chosen>{chosen}</ul>'
            '<input type="search" id="{id}" class="autocomplete-multiple__search" '
            'placeholder="{placeholder}" autocomplete="off" aria-describedby="{id}_uitleg" '
            "data-search hidden>"
            '<p class="help" id="{id}_uitleg" data-search-help hidden>Typ minstens twee letters '
            "en kies met de knop; haal het vinkje weg om er een te verwijderen.</p>"
            '<ul class="autocomplete-multiple__results" data-results></ul>'
            '<p class="w-sr-only" role="status" aria-live="polite" data-status></p>'
            "</div>",
            name=name,
            url=reverse(self.search_url_name),
            chosen=chosen,
            id=field_id,
            placeholder=self.placeholder,
        )
