"""The calendar's fixed lists: kinds, statuses, registration modes and audiences."""

from django.db import models

from core.models import BaseTaxonomy


class EventKind(models.TextChoices):
    PET = "pet", "Promotie Event Techniek (PET)"
    FAMILY_DAY = "ouder-kind-dag", "Ouder-kind-dag"
    ADULT_PET = "volwassenen-pet", "Volwassenen-PET"
    TECHNOLOGY_TABLE = "technologietafel", "Technologietafel"
    ADVISORY_BOARD = "adviescommissie", "Adviescommissie"
    INNOVATION_FESTIVAL = "innovatiefestival", "Innovatiefestival"
    MEETING = "bijeenkomst", "Bijeenkomst"


class EventStatus(models.TextChoices):
    PLANNED = "gepland", "Gepland"
    FULL = "volgeboekt", "Volgeboekt"
    CANCELLED = "geannuleerd", "Geannuleerd"
    RESCHEDULED = "verplaatst", "Verplaatst"


class RegistrationMode(models.TextChoices):
    NONE = "geen", "Geen aanmelding nodig"
    EXTERNAL = "extern", "Aanmelden via een andere website"
    ON_SITE = "site", "Aanmelden via deze site (met maximum en wachtlijst)"


class Audience(BaseTaxonomy):
    """Who an event is for (basisschool groep 5-8, ouders en kinderen, ...): a fixed list,
    created by a migration, with the age range search engines read as `typicalAgeRange`."""

    min_age = models.PositiveSmallIntegerField("Minimumleeftijd", null=True, blank=True)
    max_age = models.PositiveSmallIntegerField("Maximumleeftijd", null=True, blank=True)

    class Meta(BaseTaxonomy.Meta):
        verbose_name = "Doelgroep"
        verbose_name_plural = "Doelgroepen"
