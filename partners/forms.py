from django import forms
from wagtail.images.fields import WagtailImageField

from .models import EducationLevel, Initiative, ManifestAction, PartnerKind, Region, Theme
from .models.signature import STATEMENT_MAX_LENGTH


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
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class LogoField(WagtailImageField):
    """Wagtail's own image field (size, pixel count and real format checked from the file's
    header, before decoding), with a clear refusal of SVG, which can carry scripts."""

    default_error_messages = {
        "svg": "SVG-bestanden accepteren we niet, omdat ze scripts kunnen bevatten. "
        "Upload uw logo als PNG, JPEG of WebP.",
    }

    def to_python(self, data):
        if data and (data.name.lower().endswith(".svg") or _looks_like_svg(data)):
            raise forms.ValidationError(self.error_messages["svg"], code="svg")
        return super().to_python(data)


def _looks_like_svg(uploaded):
    head = uploaded.read(512)
    uploaded.seek(0)
    return b"<svg" in head.lower() or head.lstrip().startswith(b"<?xml")


def no_markup(value):
    if "<" in value or ">" in value:
        raise forms.ValidationError("Gebruik geen < of > in dit veld.", code="markup")


class SignatureForm(forms.Form):
    organisation_name = forms.CharField(
        label="Naam van uw organisatie", max_length=200, validators=[no_markup]
    )
    kind = forms.ChoiceField(
        label="Soort organisatie", choices=[("", "Kies de soort"), *PartnerKind.choices]
    )
    education_levels = forms.ModelMultipleChoiceField(
        EducationLevel.objects.all(),
        label="Onderwijsniveaus (alleen voor scholen)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ModelChoiceField(
        Region.objects.all(), label="Regio", required=False, empty_label="Kies een regio"
    )
    website = HttpUrlField(
        label="Website van uw organisatie",
        max_length=200,
        help_text=(
            "Het logo op de site linkt hiernaartoe, bijvoorbeeld https://www.uworganisatie.nl."
        ),
    )
    logo = LogoField(
        label="Logo",
        help_text=(
            "PNG, JPEG of WebP, maximaal 5 MB. Liefst met een transparante of witte achtergrond."
        ),
    )
    signer_name = forms.CharField(label="Uw naam", max_length=120, validators=[no_markup])
    signer_role = forms.CharField(
        label="Uw functie", max_length=120, required=False, validators=[no_markup]
    )
    statement = forms.CharField(
        label="Waarom wij tekenen (optioneel)",
        max_length=STATEMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Maximaal {STATEMENT_MAX_LENGTH} tekens. Dit kan op de site worden getoond.",
    )
    contact_email = forms.EmailField(
        label="Uw e-mailadres",
        help_text="Hier sturen we de bevestigingslink naartoe. We publiceren uw e-mailadres nooit.",
    )
    privacy_consent = forms.BooleanField(
        label=(
            "Ik heb de privacyverklaring gelezen en ga akkoord met de verwerking van deze gegevens."
        ),
        error_messages={"required": "Geef toestemming om verder te gaan."},
    )
    # A field people never see; bots fill it in.
    fax = forms.CharField(required=False, label="Laat dit veld leeg")

    def bot_detected(self):
        return bool(self.data.get("fax"))


class SignatoryFilterForm(FilterForm):
    soort = forms.ChoiceField(
        label="Soort organisatie",
        choices=[("", "Alle soorten"), *PartnerKind.choices],
        required=False,
    )
    sortering = forms.ChoiceField(
        label="Sorteren op",
        choices=[("naam", "Naam (A-Z)"), ("nieuwste", "Nieuwste eerst")],
        required=False,
    )

    def filter(self, signatures):
        filters = self.active_filters
        if filters.get("soort"):
            signatures = signatures.filter(partner__kind=filters["soort"])
        if filters.get("sortering") == "nieuwste":
            return signatures.order_by("-moderated_at", "-pk")
        return signatures.order_by("partner__name", "pk")
