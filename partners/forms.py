from django import forms

from .models import Initiative, ManifestAction, Region, Theme


class SlugChoiceField(forms.ModelChoiceField):
    """A filter choice addressed by slug in the URL, as the public contract uses them."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class FilterForm(forms.Form):
    """A GET filter form whose invalid values are reported and ignored, never an error page."""

    @property
    def active_filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }

    @property
    def ignored(self):
        if not self.is_bound:
            return []
        self.is_valid()
        return [self.fields[name].label for name in self.errors]


def campus_choices():
    # The campus model lives in the website app above this one; reach it through the relation
    # rather than an import, so the dependency stays one-way.
    campus_model = Initiative._meta.get_field("campuses").related_model
    return campus_model.objects.live().public().order_by("title")


class InitiativeFilterForm(FilterForm):
    actie = SlugChoiceField(
        ManifestAction.objects.in_agenda_order(), label="Actie", empty_label="Alle acties"
    )
    thema = SlugChoiceField(Theme.objects.all(), label="Thema", empty_label="Alle thema's")
    regio = SlugChoiceField(Region.objects.all(), label="Regio", empty_label="Alle regio's")
    campus = SlugChoiceField(
        Initiative.objects.none(), label="Campus", empty_label="Alle campussen"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campus"].queryset = campus_choices()

    def filter(self, initiatives):
        lookups = {"actie": "actions", "thema": "themes", "regio": "regions", "campus": "campuses"}
        for name, value in self.active_filters.items():
            initiatives = initiatives.filter(**{lookups[name]: value})
        return initiatives.distinct()
