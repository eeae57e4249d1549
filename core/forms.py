"""Form pieces every app's public forms share: filters that never fail, the honeypot, and
field types with Dutch messages, an upload of a damaged image among them."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from wagtail.images.fields import WagtailImageField

from . import places

UNKNOWN_VALUE = "die waarde kennen we niet."
BOT_MESSAGE = "Uw inzending lijkt automatisch verstuurd en is niet opgeslagen."


def _attributes(attrs):
    """HTML attributes as Django's widget template writes them: in order, True as a bare
    name, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelect(forms.Select):
    """A select rendered in Python, the same HTML as Django's widget, which renders a template
    per option: every listing shows a filter form with dozens of options, and through the
    templates that was a third of the agenda's time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _ in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], _attributes(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name is not None:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            parts.append(rendered)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            _attributes(widget["attrs"]),
            format_html_join("", "{}", ((part,) for part in parts)),
        )


class SlugChoiceField(forms.ModelChoiceField):
    """A filter choice addressed by slug in the URL. `options` returns the queryset of
    choices, read anew for every form: what can be chosen changes while the site runs, and a
    form class is defined before the models are ready to build querysets across relations."""

    widget = QuickSelect

    def __init__(self, options, **kwargs):
        self.options = options
        kwargs.setdefault("error_messages", {"invalid_choice": UNKNOWN_VALUE})
        super().__init__(None, to_field_name="slug", required=False, **kwargs)

    def __deepcopy__(self, memo):
        field = super().__deepcopy__(memo)
        field.queryset = self.options()
        return field


class FilterChoiceField(forms.ChoiceField):
    """A filter over a fixed list of values, with an "all" option first."""

    widget = QuickSelect

    def __init__(self, *, choices, empty_label, **kwargs):
        kwargs.setdefault("error_messages", {"invalid_choice": UNKNOWN_VALUE})
        super().__init__(choices=[("", empty_label), *choices], required=False, **kwargs)


class PlaceInput(forms.TextInput):
    """A text field that suggests every municipality and town of Noord-Holland."""

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-lijst"
        field = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">', ((n,) for n in places.names()))
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class PlaceField(forms.CharField):
    """A municipality or town of Noord-Holland, cleaned to its `places.Municipality`."""

    widget = PlaceInput

    def __init__(self, **kwargs):
        super().__init__(label="Plaats of gemeente", max_length=100, required=False, **kwargs)

    def clean(self, value):
        name = super().clean(value)
        if not name:
            return None
        found = places.find(name)
        if found is None:
            raise ValidationError(
                f"{name} kennen we niet als plaats of gemeente in Noord-Holland.", code="unknown"
            )
        return found

    def prepare_value(self, value):
        return value.name if isinstance(value, places.Municipality) else value


class DistanceField(FilterChoiceField):
    """How far from a PlaceField's place; empty is the place's whole region."""

    def __init__(self, **kwargs):
        choices = [(str(km), f"Binnen {km} km") for km in (10, 25, 50)]
        super().__init__(label="Afstand", choices=choices, empty_label="In de hele regio", **kwargs)


class FilterForm(forms.Form):
    """A GET filter form whose invalid values are named in a notice and ignored, never an
    error page. `lookups` maps a parameter to the ORM lookup `filter()` narrows on."""

    lookups: dict[str, str] = {}

    @cached_property
    def active_filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }

    @cached_property
    def notices(self):
        """Dutch messages for the values that were ignored, one per filter."""
        if not self.is_bound or self.is_valid():
            return []
        return [
            f"{self.fields[name].label}: {errors[0]}"
            for name, errors in self.errors.items()
            if name in self.fields
        ]

    def filter(self, queryset):
        applied = [name for name in self.active_filters if name in self.lookups]
        for name in applied:
            queryset = queryset.filter(**{self.lookups[name]: self.active_filters[name]})
        # A lookup across a many-to-many relation can repeat rows.
        return queryset.distinct() if applied else queryset


class HoneypotForm(forms.Form):
    """A form with a field people never see (includes/honeypot.html) and bots fill in: a
    filled-in trap makes the form invalid before any other field, an upload included, is
    read."""

    fax = forms.CharField(required=False, label="Laat dit veld leeg")

    def full_clean(self):
        if self.is_trapped:
            self.fields = {"fax": self.fields["fax"]}
        super().full_clean()

    @property
    def is_trapped(self):
        return self.is_bound and bool(self.data.get("fax"))

    def clean(self):
        if self.is_trapped:
            raise ValidationError(BOT_MESSAGE, code="bot")
        return super().clean()


class HttpUrlField(forms.URLField):
    """A website address that must be a complete http(s) URL, never javascript: or a bare host."""

    default_error_messages = {
        "invalid": "Vul een volledig webadres in dat begint met https:// of http://.",
    }

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)

    def to_python(self, value):
        value = (value or "").strip()
        if value and not value.lower().startswith(("http://", "https://")):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


DAMAGED_IMAGE_MESSAGE = (
    "Dit bestand is beschadigd of geen volledige afbeelding. Sla het opnieuw op als PNG, JPEG "
    "of WebP en probeer het nog eens."
)


class DamageRefusingImageField(WagtailImageField):
    """Wagtail's image field, which opens an upload from its header and decodes it only for its
    pixel count: a file whose header is whole but whose data is cut short or corrupt then
    raises Pillow's own error (OSError "image file is truncated", SyntaxError, ValueError)
    rather than a ValidationError. Here it is refused as damaged."""

    default_error_messages = {"damaged": DAMAGED_IMAGE_MESSAGE}

    @classmethod
    def like(cls, field):
        """This field set up as Wagtail set up `field` for the form (label, whether it is
        required, the longest file name, the widget with the attributes the form gave it)."""
        return cls(
            label=field.label,
            required=field.required,
            max_length=field.max_length,
            widget=field.widget,
        )

    def to_python(self, data):
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(self.error_messages["damaged"], code="damaged") from error
