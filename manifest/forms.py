import re
import warnings

from django import forms
from django.conf import settings
from PIL import Image as PILImage

from campuses.models import CampusPage
from core.forms import (
    UNKNOWN_VALUE,
    DamageRefusingImageField,
    FilterChoiceField,
    FilterForm,
    HoneypotForm,
    HttpUrlField,
    SlugChoiceField,
)
from core.models import EducationLevel, Region
from core.text import validate_name, validate_plain_paragraphs, validate_plain_text
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


class LogoField(DamageRefusingImageField):
    """Wagtail's own image field (file size, real format, a damaged file refused as the admin
    refuses it), with a clear refusal of SVG, which
    can carry scripts, and with the pixel count read from the file's header before anything
    decodes it: Wagtail's own check decodes the whole image first, so a small file claiming
    a huge image would cost hundreds of megabytes."""

    default_error_messages = {
        "svg": "SVG-bestanden accepteren we niet, omdat ze scripts kunnen bevatten. "
        "Upload uw logo als PNG, JPEG of WebP.",
        "damaged": "Dit bestand is beschadigd of onvolledig. Sla uw logo opnieuw op als PNG, "
        "JPEG of WebP en probeer het nog eens.",
        "too_many_pixels": "Dit logo is te groot: %(width)s bij %(height)s pixels. Een logo "
        "heeft genoeg aan %(megapixels)s megapixels, bijvoorbeeld 2000 bij 2000 of 4000 bij "
        "1000 pixels. Sla het kleiner op en probeer het opnieuw.",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Far below what editors may upload: every pixel costs a worker memory and time.
        self.max_image_pixels = settings.LOGO_MAX_PIXELS

    def to_python(self, data):
        if data:
            head = data.read(512)
            data.seek(0)
            svg = b"<svg" in head.lower() or head.lstrip().startswith(b"<?xml")
            if svg or data.name.lower().endswith(".svg"):
                raise forms.ValidationError(self.error_messages["svg"], code="svg")
            self.check_header(data)
        return super().to_python(data)

    def check_header(self, uploaded):
        """Refuse too many pixels from the header alone; Pillow reads nothing more on open."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(uploaded) as image:
                    width, height = image.size
                    frames = getattr(image, "n_frames", 1)
        except PILImage.DecompressionBombError:
            width = height = frames = None
        except Exception:  # noqa: BLE001 - not an image Pillow can read; Wagtail says so next
            return
        finally:
            uploaded.seek(0)
        if width is None or width * height * frames > self.max_image_pixels:
            raise forms.ValidationError(
                self.error_messages["too_many_pixels"],
                code="too_many_pixels",
                params={
                    "width": width or "heel veel",
                    "height": height or "heel veel",
                    "megapixels": self.max_image_pixels // 1_000_000,
                },
            )


# "javascript:", "ftp://", "https://": anything with a scheme keeps it, and must be http(s).
HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)


class WebsiteField(HttpUrlField):
    """A website as people write it: a bare host ("www.example.nl") gets https:// in front."""

    default_error_messages = {
        "invalid": "Vul het webadres van uw organisatie in, bijvoorbeeld www.uworganisatie.nl.",
    }

    def to_python(self, value):
        value = (value or "").strip()
        if value and not HAS_SCHEME.match(value):
            value = f"https://{value}"
        return super().to_python(value)


# A browser never sends a chosen file again after the form came back with an error.
LOGO_AGAIN = "Kies uw logo opnieuw: na een foutmelding is het niet meer geselecteerd."


class SignatureForm(HoneypotForm):
    organisation_name = forms.CharField(
        label="Naam van uw organisatie", max_length=200, validators=[validate_plain_text]
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
    website = WebsiteField(
        label="Website van uw organisatie",
        max_length=200,
        help_text="Het logo op de site linkt hiernaartoe, bijvoorbeeld www.uworganisatie.nl.",
    )
    # Wagtail writes the help text itself: the formats and the maximum file size.
    logo = LogoField(label="Logo")
    # Both are repeated in the confirmation mail, to the address typed in (validate_name).
    signer_name = forms.CharField(label="Uw naam", max_length=120, validators=[validate_name])
    signer_role = forms.CharField(
        label="Uw functie", max_length=120, required=False, validators=[validate_name]
    )
    statement = forms.CharField(
        label="Waarom wij tekenen (optioneel)",
        max_length=STATEMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_plain_paragraphs],
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

    # What each field about the signer holds, so browsers may fill it in (WCAG 1.3.5).
    AUTOCOMPLETE = {
        "organisation_name": "organization",
        "website": "url",
        "signer_name": "name",
        "signer_role": "organization-title",
        "contact_email": "email",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, purpose in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = purpose

    def full_clean(self):
        super().full_clean()
        if self.errors and "logo" in self.fields:  # a trapped form has no other fields
            logo = self["logo"]
            logo.help_text = f"{LOGO_AGAIN} {logo.help_text}"

    def clean_contact_email(self):
        # Lower case, so a second submission by the same person is recognised as one.
        return self.cleaned_data["contact_email"].lower()


class SignatoryFilterForm(FilterForm):
    soort = FilterChoiceField(
        label="Soort organisatie", choices=PartnerKind.groups(), empty_label="Alle soorten"
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
