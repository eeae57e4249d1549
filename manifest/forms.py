from django import forms
from wagtail.images.fields import WagtailImageField

from campuses.models import CampusPage
from core.forms import (
    UNKNOWN_VALUE,
    FilterChoiceField,
    FilterForm,
    HoneypotForm,
    HttpUrlField,
    SlugChoiceField,
    no_markup,
)
from core.models import EducationLevel, Region
from partners.models import PartnerKind

from .models import ManifestAction, Theme
from .models.signature import STATEMENT_MAX_LENGTH


class InitiativeFilterForm(FilterForm):
    actie = SlugChoiceField(
        ManifestAction.objects.in_agenda_order, label="Actie", empty_label="Alle acties"
    )
    thema = SlugChoiceField(Theme.objects.all, label="Thema", empty_label="Alle thema's")
    regio = SlugChoiceField(Region.objects.all, label="Regio", empty_label="Alle regio's")
    campus = SlugChoiceField(
        CampusPage.objects.choices, label="Campus", empty_label="Alle campussen"
    )

    lookups = {"actie": "actions", "thema": "themes", "regio": "regions", "campus": "campuses"}


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


class SignatureForm(HoneypotForm):
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


class SignatoryFilterForm(FilterForm):
    soort = FilterChoiceField(
        label="Soort organisatie", choices=PartnerKind.choices, empty_label="Alle soorten"
    )
    sortering = forms.ChoiceField(
        label="Sorteren op",
        choices=[("naam", "Naam (A-Z)"), ("nieuwste", "Nieuwste eerst")],
        required=False,
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )

    lookups = {"soort": "partner__kind"}

    def filter(self, signatures):
        signatures = super().filter(signatures)
        if self.active_filters.get("sortering") == "nieuwste":
            return signatures.order_by("-moderated_at", "-pk")
        return signatures.order_by("partner__name", "pk")
