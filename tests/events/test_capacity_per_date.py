"""Places are per date: a class on 10 March never puts 11 March on the waitlist, and
"nog N plaatsen" is true for each date."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.factories import RegistrationFactory
from events.models import EventKind, Registration, RegistrationState
from events.signup import cancel
from tests.events.conftest import in_days
from tests.events.registrations import class_data, register

# Places are counted for the dates still to come.
pytestmark = pytest.mark.date_dependent


@pytest.fixture
def two_day_pet(make_event):
    return make_event(
        on_site=True,
        title="PET Alkmaar",
        kind=EventKind.PET,
        dates=[(in_days(10), None, None), (in_days(11), None, None)],
        capacity=30,
    )


def dates_of(event):
    return list(event.sessions.order_by("starts_at"))


def test_a_full_first_date_does_not_waitlist_the_second(client, two_day_pet):
    first, second = dates_of(two_day_pet)
    register(client, two_day_pet, class_data(session=first.pk, pupils="27", adults="3"))
    register(
        client, two_day_pet, class_data(session=first.pk, email="b@school.example.nl", pupils="20")
    )
    register(
        client, two_day_pet, class_data(session=second.pk, email="c@school.example.nl", pupils="24")
    )
    states = dict(Registration.objects.values_list("email", "state"))
    assert states == {
        "anna@klimop.example.nl": RegistrationState.CONFIRMED,
        "b@school.example.nl": RegistrationState.WAITLISTED,
        "c@school.example.nl": RegistrationState.CONFIRMED,
    }


def test_the_page_and_the_form_tell_the_places_of_each_date(client, two_day_pet):
    first, second = dates_of(two_day_pet)
    RegistrationFactory(event=two_day_pet, session=first, persons=30)
    RegistrationFactory(event=two_day_pet, session=second, persons=7)
    html = client.get(two_day_pet.url).content.decode()
    assert f"{first.when_text}: vol, u komt op de wachtlijst" in html
    assert f"{second.when_text}: nog 23 plaatsen" in html
    assert "voor de wachtlijst" not in html  # one date still has places
    form = client.get(f"{two_day_pet.url}aanmelden/").content.decode()
    assert f"{first.when_text} (vol: wachtlijst)" in form
    assert f"{second.when_text} (nog 23 plaatsen)" in form


def test_every_date_full_offers_the_waitlist(client, two_day_pet):
    for session in dates_of(two_day_pet):
        RegistrationFactory(event=two_day_pet, session=session, persons=30)
    html = client.get(two_day_pet.url).content.decode()
    assert "Alle data zijn vol" in html
    assert "voor de wachtlijst" in html


def test_the_event_page_counts_places_in_one_query_whatever_the_number_of_dates(client, make_event):
    def queries(dates):
        event = make_event(
            on_site=True, dates=[(in_days(10 + day), None, None) for day in range(dates)]
        )
        for session in event.sessions.all():
            RegistrationFactory(event=event, session=session, persons=2)
        client.get(event.url)  # warm up caches
        with CaptureQueriesContext(connection) as context:
            assert client.get(event.url).status_code == 200
        return len(context)

    assert queries(2) == queries(6)


def test_a_cancellation_promotes_the_waitlist_of_its_own_date_only(two_day_pet):
    first, second = dates_of(two_day_pet)
    leaving = RegistrationFactory(event=two_day_pet, session=first, persons=30)
    RegistrationFactory(event=two_day_pet, session=second, persons=30)
    waiting_first = RegistrationFactory(
        event=two_day_pet, session=first, persons=5, state=RegistrationState.WAITLISTED
    )
    waiting_second = RegistrationFactory(
        event=two_day_pet, session=second, persons=5, state=RegistrationState.WAITLISTED
    )
    cancel(leaving)
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert waiting_first.state == RegistrationState.CONFIRMED
    assert waiting_second.state == RegistrationState.WAITLISTED


def test_staff_list_the_registrations_of_one_date(moderator_client, two_day_pet):
    from django.urls import reverse

    first, second = dates_of(two_day_pet)
    RegistrationFactory(event=two_day_pet, session=first, school_name="OBS De Eerste")
    RegistrationFactory(event=two_day_pet, session=second, school_name="OBS De Tweede")
    listing = reverse("wagtailsnippets_events_registration:list")
    html = moderator_client.get(listing, {"session": second.pk}).content.decode()
    assert "OBS De Tweede" in html and "OBS De Eerste" not in html
