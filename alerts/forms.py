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


class SubscriptionForm(AddressForm):
    """Follow a saved filter by e-mail. The source and the filter come from the page the form
    is on (hidden fields); the source turns the filter into what is stored."""

    frequency = forms.ChoiceField(
        label="Hoe vaak?",
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Kies dagelijks of wekelijks."},
    )
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
