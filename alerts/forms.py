from django import forms

from core.forms import HoneypotForm

from .models import Frequency

TOO_LONG = "Deze selectie is te lang om te volgen. Kies minder filters."


class AddressForm(HoneypotForm):
    """A visitor's e-mail address: to mail a "mijn meldingen" link to, and in the follow form."""

    email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We sturen u eerst een e-mail met een link.",
        error_messages={
            "required": "Vul uw e-mailadres in.",
            "invalid": "Vul een geldig e-mailadres in, zoals naam@school.nl.",
            "max_length": "Dit e-mailadres is te lang.",
        },
    )

    def clean_email(self):
        # Lower case: one address is one subscriber (the unique constraint, the manage page).
        return self.cleaned_data["email"].lower()


def frequency_field():
    return forms.ChoiceField(
        label="Hoe vaak?",
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies dagelijks of wekelijks.",
            "invalid_choice": "Kies dagelijks of wekelijks.",
        },
    )


class FrequencyForm(forms.Form):
    """How often one alert is mailed, changed on "mijn meldingen"; one per alert, so each is
    prefixed with the alert's id."""

    frequency = frequency_field()

    def __init__(self, alert, data=None):
        super().__init__(data, prefix=f"melding-{alert.pk}", initial={"frequency": alert.frequency})
        self.alert = alert


class SubscriptionForm(AddressForm):
    """Follow a saved filter by e-mail. The source and the filter come from the page the form
    is on (hidden fields); the source turns the filter into what is stored."""

    frequency = frequency_field()
    privacy_consent = forms.BooleanField(
        label="Ik ga akkoord: de site bewaart mijn e-mailadres om deze meldingen te sturen, "
        "tot ik mij afmeld. Bevestig ik niet binnen 7 dagen, dan wordt het gewist.",
        error_messages={"required": "Geef toestemming om meldingen te ontvangen."},
    )
    bron = forms.CharField(widget=forms.HiddenInput, max_length=40)
    filter = forms.CharField(
        widget=forms.HiddenInput,
        max_length=2000,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
