"""Dates in the admin, typed the Dutch way. The settings choose the format the date pickers
write and show (WAGTAIL_DATE_FORMAT and friends) and Django's Dutch input formats read it, as
well as 1-2-2027 and 2027-02-10. Here every date, date-time and time field of a page, snippet,
setting or inline panel says what to type, and refuses what it cannot read by saying it again.
Imported when the apps are ready (core/apps.py)."""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

# Model field, Wagtail's widget for it, what the empty field shows, the message for what
# cannot be read (an impossible date such as 31-02-2027 included).
FIELD_FORMATS = [
    (
        models.DateField,
        AdminDateInput,
        "dd-mm-jjjj",
        "Deze datum bestaat niet of is niet te lezen. Vul hem in als dd-mm-jjjj, "
        "bijvoorbeeld 10-02-2027.",
    ),
    (
        models.DateTimeField,
        AdminDateTimeInput,
        "dd-mm-jjjj uu:mm",
        "Deze datum en tijd zijn niet te lezen. Vul ze in als dd-mm-jjjj uu:mm, "
        "bijvoorbeeld 10-02-2027 09:30.",
    ),
    (
        models.TimeField,
        AdminTimeInput,
        "uu:mm",
        "Deze tijd is niet te lezen. Vul hem in als uu:mm, bijvoorbeeld 09:30.",
    ),
]


def show_the_format_to_type():
    """Replace Wagtail's form field overrides for date and time model fields (through its
    documented `register_form_field_override`) by the same widgets with a placeholder, and
    Django's "Voer een geldige datum in." by a message that names the format."""
    for field, widget, placeholder, message in FIELD_FORMATS:
        override = {
            "widget": widget(attrs={"placeholder": placeholder}),
            "error_messages": {"invalid": message},
        }
        register_form_field_override(field, override=override)
