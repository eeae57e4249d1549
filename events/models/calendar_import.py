"""Campus calendars that staff register for import, and what each import brought in
(events/calendar_import.py does the work; docs/architecture.md, "Calendar import")."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from campuses.models import CampusPage
from core.remote import NOT_REACHABLE, is_internal


class ImportOutcome(models.TextChoices):
    NEVER = "", "Nog niet"
    OK = "ok", "Gelukt"
    FAILED = "mislukt", "Mislukt"


class CampusCalendar(models.Model):
    """A campus's public iCalendar address; `import_calendars` imports the active ones."""

    campus = models.ForeignKey(
        CampusPage,
        verbose_name="Campus",
        on_delete=models.CASCADE,
        related_name="calendars",
    )
    url = models.URLField(
        "Adres van de agenda (iCalendar)",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Het openbare adres van de agenda van de campus, eindigt vaak op .ics. "
        "Alleen https:// of http://; webcal:// vervangt u door https://.",
    )
    active = models.BooleanField(
        "Regelmatig importeren",
        default=True,
        help_text="Uit: de agenda wordt niet meer opgehaald; geïmporteerde evenementen blijven.",
    )
    last_run_at = models.DateTimeField("Laatst opgehaald", null=True, blank=True, editable=False)
    last_outcome = models.CharField(
        "Resultaat",
        max_length=10,
        choices=ImportOutcome.choices,
        default=ImportOutcome.NEVER,
        blank=True,
        editable=False,
    )
    last_summary = models.CharField("Samenvatting", max_length=300, blank=True, editable=False)
    last_report = models.TextField("Verslag van de laatste import", blank=True, editable=False)

    # The import's bookkeeping; the events it saves are pages, which count for themselves.
    shows_on_public_pages = False

    class Meta:
        verbose_name = "Campusagenda"
        verbose_name_plural = "Campusagenda's"
        ordering = ["campus__title", "url"]
        constraints = [
            models.UniqueConstraint(fields=["campus", "url"], name="unique_campus_calendar_url")
        ]

    def __str__(self):
        return f"{self.campus.title}: {self.url}"

    def clean(self):
        # The fetch checks again on every run: DNS can change after saving.
        allowed = settings.CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES
        if self.url and not allowed and is_internal(self.url):
            raise ValidationError({"url": NOT_REACHABLE})


class ImportedEvent(models.Model):
    """One event of a calendar, by its iCalendar UID: the page it became and the values the
    import last wrote, field by field, so a later import changes only what no editor has
    changed since."""

    calendar = models.ForeignKey(
        CampusCalendar, on_delete=models.CASCADE, related_name="imported_events"
    )
    uid = models.CharField(max_length=255)
    # Empty when an editor deleted the page: the event is then not imported again.
    page = models.ForeignKey(
        "events.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_from",
    )
    imported_values = models.JSONField(default=dict)
    in_feed = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    shows_on_public_pages = False

    class Meta:
        verbose_name = "Geïmporteerd evenement"
        verbose_name_plural = "Geïmporteerde evenementen"
        constraints = [
            models.UniqueConstraint(fields=["calendar", "uid"], name="unique_imported_event_uid")
        ]

    def __str__(self):
        return self.uid
