import datetime

import factory
import wagtail_factories

from .models import (
    EventIndexPage,
    EventKind,
    EventPage,
    EventSession,
    Registration,
    RegistrationMode,
    RegistrationState,
)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """A published event. `dates`: (date, start, end) triples; date None is 30 days ahead, times
    None is all day. `audiences` and `hosts` are lists, saved with the page (modelcluster)."""

    title = factory.Sequence(lambda n: f"Evenement {n}")
    kind = EventKind.PET
    summary = "Leerlingen ontdekken techniek bij bedrijven in de regio."
    location_name = "Techniekhal"
    address = "Stationsplein 1, Haarlem"

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    @factory.post_generation
    def dates(event, create, extracted, **kwargs):
        default = datetime.date.today() + datetime.timedelta(days=30)
        for date, start, end in extracted or [(None, datetime.time(9), datetime.time(14, 30))]:
            EventSession.objects.create(
                event=event, date=date or default, start_time=start, end_time=end
            )

    @factory.post_generation
    def capacity(event, create, extracted, **kwargs):
        """Places on each date; 20 when registering here."""
        if extracted is None and event.registration_mode == RegistrationMode.ON_SITE:
            extracted = 20
        if extracted is not None:
            EventSession.objects.filter(event=event).update(capacity=extracted)

    @factory.post_generation
    def publish(event, create, extracted, **kwargs):
        if create and extracted is not False:
            event.save_revision().publish()


class OnSiteEventFactory(EventPageFactory):
    """An event with registration on this site."""

    registration_mode = RegistrationMode.ON_SITE


class RegistrationFactory(factory.django.DjangoModelFactory):
    # Places are counted per date: a registration is for the event's first date unless given.
    session = factory.LazyAttribute(
        lambda registration: (
            EventSession.objects.filter(event=registration.event).order_by("starts_at").first()
        )
    )
    state = RegistrationState.CONFIRMED
    contact_name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"deelnemer{n}@school.example.nl")
    persons = 1
    privacy_consent_at = factory.Faker("date_time", tzinfo=datetime.UTC)
    token_hash = factory.Sequence(lambda n: f"{n:064d}")

    class Meta:
        model = Registration
