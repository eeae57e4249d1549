from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Page

from campuses.models import CampusPage
from campuses.permissions import campus_scope, coordinated_campus_ids
from core.forms import (
    DistanceField,
    FilterChoiceField,
    FilterForm,
    HoneypotForm,
    PlaceField,
    SlugChoiceField,
)
from core.models import Region
from core.permissions import visible_instances
from core.text import validate_name, validate_plain_text

from .models.taxonomy import Audience, EventKind, RegistrationMode

# A filter date further from today than this is a typo or a crawler. The edges of Python's
# date range (0001-01-01, 9999-12-31) cannot even be turned into a moment in Europe/Amsterdam.
FILTER_YEARS_REACHABLE = 25


class FilterDateField(forms.DateField):
    """A date filter (JJJJ-MM-DD) within FILTER_YEARS_REACHABLE years of today."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {"invalid": "Vul een bestaande datum in, zoals 2027-03-15."}

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        year = timezone.localdate().year
        first, last = year - FILTER_YEARS_REACHABLE, year + FILTER_YEARS_REACHABLE
        if value and not first <= value.year <= last:
            raise ValidationError(f"Kies een datum tussen {first} en {last}.", code="out_of_range")


class EventFilterForm(FilterForm):
    # Where first: a teacher knows her town, not its region.
    plaats = PlaceField()
    afstand = DistanceField()
    doelgroep = SlugChoiceField(
        Audience.objects.all, label="Doelgroep", empty_label="Alle doelgroepen"
    )
    soort = FilterChoiceField(label="Soort", choices=EventKind.choices, empty_label="Alle soorten")
    regio = SlugChoiceField(Region.objects.all, label="Regio", empty_label="Alle regio's")
    campus = SlugChoiceField(
        CampusPage.objects.choices, label="Campus", empty_label="Alle campussen"
    )
    vanaf = FilterDateField(label="Vanaf")
    tot = FilterDateField(label="Tot en met")

    lookups = {
        "doelgroep": "event__audiences",
        "soort": "event__kind",
        "regio": "event__region",
        "campus": "event__campus",
    }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("vanaf") and cleaned.get("tot") and cleaned["tot"] < cleaned["vanaf"]:
            self.add_error("tot", "De einddatum ligt voor de begindatum; we tonen alles vanaf.")
        if cleaned.get("afstand") and "plaats" not in self.errors and not cleaned.get("plaats"):
            self.add_error("afstand", "vul ook een plaats of gemeente in.")
        return cleaned

    def filter(self, sessions):
        filters = self.active_filters
        sessions = super().filter(sessions).between(filters.get("vanaf"), filters.get("tot"))
        place = filters.get("plaats")
        if place is None:
            return sessions
        if "afstand" not in filters:
            return sessions.filter(event__region__slug=place.region)
        # An event's own coordinates, else its campus's (EventPage.coordinates); an event
        # without either has no distance and is left out. A few hundred rows, measured here.
        rows = sessions.values_list(
            "pk",
            Coalesce("event__latitude", "event__campus__latitude"),
            Coalesce("event__longitude", "event__campus__longitude"),
        )
        reach = int(filters["afstand"])
        near = [
            pk
            for pk, latitude, longitude in rows
            if latitude is not None and place.distance_km(latitude, longitude) <= reach
        ]
        return sessions.filter(pk__in=near)

    def feed_query(self):
        """The active filters as they appear in a URL, for the feed and subscribe links."""
        return urlencode(
            {
                name: self.fields[name].prepare_value(value)
                for name, value in self.active_filters.items()
            }
        )


def places_text(places_left):
    """What a date's choice says about its places: "(nog 3 plaatsen)", "(vol: wachtlijst)"."""
    if places_left is None:
        return ""
    if places_left == 0:
        return " (vol: wachtlijst)"
    return f" (nog {places_left} plaats{'en' if places_left != 1 else ''})"


class RegistrationForm(HoneypotForm):
    """What every registration asks; the two kinds below add their own fields."""

    # The numbers a registration brings, which together are the places it takes (each form
    # asks only its own).
    COUNTS = ["pupils", "adults", "persons"]

    # The event's own upcoming dates, set per form.
    session = forms.ModelChoiceField(None, label="Datum", empty_label="Kies een datum")
    contact_name = forms.CharField(label="Uw naam", max_length=120, validators=[validate_name])
    email = forms.EmailField(
        label="Uw e-mailadres",
        help_text="Hier sturen we een link naartoe waarmee u de aanmelding bevestigt. Pas dan "
        "houden we plaatsen voor u vast.",
    )
    phone = forms.CharField(
        label="Telefoonnummer (optioneel)",
        max_length=30,
        required=False,
        validators=[validate_plain_text],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    privacy_consent = forms.BooleanField(
        # One phrase, no full stop: the error summary writes "label: message".
        label="Ik ga akkoord met de verwerking van deze gegevens voor dit evenement",
        help_text="We verwijderen ze uiterlijk 60 dagen na afloop.",
        error_messages={"required": "Geef toestemming om u aan te melden."},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        upcoming = event.count_places(event.upcoming_sessions())
        self.default_session = upcoming[0] if upcoming else None
        if len(upcoming) > 1:
            places = {session.pk: session.places_left for session in upcoming}
            self.fields["session"].queryset = event.sessions.filter(pk__in=list(places)).order_by(
                "starts_at"
            )
            self.fields["session"].label_from_instance = lambda session: (
                session.when_text + places_text(places.get(session.pk))
            )
        else:
            del self.fields["session"]
        # The event's own maximum per registration (events/models/pages.py).
        for name in self.COUNTS:
            if name in self.fields:
                self.limit(self.fields[name], getattr(event, f"max_{name}"))
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    @staticmethod
    def limit(field, maximum):
        field.max_value = maximum
        field.validators.append(MaxValueValidator(maximum))
        field.widget.attrs["max"] = maximum

    def clean_email(self):
        # Lower case, so the duplicate check and the unique constraint see one address.
        return self.cleaned_data["email"].lower()

    def clean(self):
        # A party bigger than its date would wait on the waitlist for good, and every smaller
        # registration confirmed after it would wait behind it, however empty the date.
        cleaned = super().clean()
        counts = [name for name in self.COUNTS if name in self.fields]
        if any(cleaned.get(name) is None for name in counts):
            return cleaned  # a number that could not be read says so itself
        session = cleaned.get("session") if "session" in self.fields else self.default_session
        party = sum(cleaned[name] for name in counts)
        if session is not None and session.has_maximum and party > session.capacity:
            together = ", leerlingen en begeleiders samen" if "pupils" in counts else ""
            self.add_error(
                counts[0],
                f"Op deze datum zijn {session.capacity} plaatsen{together}. Meld er hoogstens "
                f"{session.capacity} aan. Wilt u met meer komen? Neem dan contact op met de "
                "organisatie.",
            )
        return cleaned

    def registration_data(self):
        """What a `Registration` stores; the only upcoming date when there was no choice."""
        data = {"session": self.default_session} | self.cleaned_data
        del data["fax"], data["privacy_consent"]
        return data


class ClassRegistrationForm(RegistrationForm):
    """A school registers a class (or several groups) for a PET."""

    GROUPS = [(f"groep {number}", f"Groep {number}") for number in range(5, 9)]

    school_name = forms.CharField(
        label="Naam van de school", max_length=200, validators=[validate_name]
    )
    school_reference = forms.CharField(
        label="BRIN-nummer of gemeente",
        max_length=100,
        validators=[validate_name],
        help_text="Het BRIN-nummer van uw school (zoals 12AB) of de gemeente waar ze staat.",
    )
    groups = forms.MultipleChoiceField(
        label="Groep(en)", choices=GROUPS, widget=forms.CheckboxSelectMultiple
    )
    pupils = forms.IntegerField(
        label="Aantal leerlingen",
        min_value=1,
        error_messages={
            "min_value": "Meld minstens één leerling aan.",
            "max_value": "Meld hoogstens %(limit_value)s leerlingen per aanmelding aan. Wilt u "
            "meer leerlingen aanmelden? Neem dan contact op met de organisatie.",
            "invalid": "Vul een aantal in, zoals 28.",
        },
    )
    adults = forms.IntegerField(
        label="Aantal begeleiders",
        min_value=1,
        error_messages={
            "min_value": "Er gaat minstens één begeleider mee.",
            "max_value": "Meld hoogstens %(limit_value)s begeleiders per aanmelding aan.",
            "invalid": "Vul een aantal in, zoals 3.",
        },
    )

    field_order = ["session", "school_name", "school_reference", "groups", "pupils", "adults"]

    def clean_groups(self):
        return ", ".join(self.cleaned_data["groups"])


class PersonRegistrationForm(RegistrationForm):
    """Parents, children and adults register themselves for the other events."""

    persons = forms.IntegerField(
        label="Aantal personen",
        min_value=1,
        initial=1,
        help_text="Uzelf meegeteld.",
        error_messages={
            "min_value": "Meld minstens één persoon aan.",
            "max_value": "Meld hoogstens %(limit_value)s personen per aanmelding aan.",
            "invalid": "Vul een aantal in, zoals 2.",
        },
    )


def registration_form(event, data=None):
    form_class = ClassRegistrationForm if event.for_schools else PersonRegistrationForm
    return form_class(data, event=event)


def offer_campuses(form, campuses):
    """The form's campus field as a plain list of `campuses` (a few dozen at most, not the
    page chooser); with one campus it is chosen already and the only choice."""
    field = form.fields["campus"]
    field.widget = forms.Select()
    field.queryset = campuses
    if len(campuses) == 1:
        field.empty_label = None
        if form.initial.get("campus") is None:
            form.initial["campus"] = campuses[0].pk


class EventPageForm(WagtailAdminPageForm):
    """The event editor. A campus coordinator picks one of their own campuses, and must pick
    one: their right to the event follows from it (campuses/permissions.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The field lists PETs only (the model's limit_choices_to); anything else posted gets a
        # message that says why.
        pet = self.fields["related_pet"]
        pet.empty_label = "Geen (hoort niet bij een PET)"
        pet.error_messages["invalid_choice"] = (
            "Kies een PET uit de lijst: een ouder-kind-dag hoort alleen bij een PET, niet bij een "
            "ander soort evenement."
        )
        if self.for_user:
            # Only PETs the user may see: live and public ones, or theirs (and the one chosen).
            visible = visible_instances(self.for_user, Page).values("pk")
            pet.queryset = pet.queryset.filter(
                Q(pk__in=visible) | Q(pk=self.instance.related_pet_id)
            )
        page = self.instance if self.instance.pk else self.parent_page
        campus_ids = campus_scope(self.for_user, page) if self.for_user and page else None
        if campus_ids is not None:
            offer_campuses(self, CampusPage.objects.filter(pk__in=campus_ids).order_by("title"))
            field = self.fields["campus"]
            field.required = True
            field.error_messages["required"] = "Kies de campus waar het evenement plaatsvindt."
            field.help_text = "U beheert de evenementen van uw eigen campus."

    def is_valid(self):
        # Each date needs its own number of places when visitors register on this site; the
        # dates are a formset, so this is checked once both the page and the dates are clean.
        valid = super().is_valid()
        if not self.is_bound:
            return valid
        sessions = self.formsets.get("sessions")
        if self.cleaned_data.get("registration_mode") != RegistrationMode.ON_SITE or not sessions:
            return valid
        for form in sessions.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data and not data.get("DELETE") and not data.get("capacity"):
                form.add_error("capacity", "Vul het aantal plaatsen voor deze datum in.")
                valid = False
        return valid


class CampusCalendarForm(WagtailAdminModelForm):
    """A campus calendar in the admin. Who may change calendars only as a coordinator picks one
    of their own campuses (events/permissions.py, `CampusCalendarPermissionPolicy`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campuses = CampusPage.objects.order_by("title")
        user = self.for_user
        if user and not user.is_superuser and not user.has_perm("events.change_campuscalendar"):
            campuses = campuses.filter(pk__in=coordinated_campus_ids(user))
        offer_campuses(self, campuses)
