"""One registration never takes more places than its date has: otherwise it waits for good, and
every smaller registration after it waits behind it on an empty date."""

import pytest
from django.core import mail

from events.models import EventKind, Registration
from tests.events.conftest import in_days
from tests.events.registrations import class_data, person_data

# Places are counted for the dates still to come.
pytestmark = pytest.mark.date_dependent


def test_the_form_refuses_a_class_bigger_than_its_date(client, make_event):
    # 30 places; one registration may bring 35 pupils and 5 adults (the defaults).
    pet = make_event(on_site=True, capacity=30)
    response = client.post(f"{pet.url}aanmelden/", class_data(pupils="35", adults="5"))
    assert response.status_code == 400
    assert "Op deze datum zijn 30 plaatsen" in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []
    assert client.post(f"{pet.url}aanmelden/", class_data(pupils="27")).status_code == 303


def test_the_form_weighs_the_party_against_the_date_chosen(client, make_event):
    pet = make_event(
        on_site=True, dates=[(in_days(10), None, None), (in_days(11), None, None)], capacity=30
    )
    small, large = pet.sessions.order_by("starts_at")
    large.capacity = 60
    large.save()
    party = {"pupils": "35", "adults": "5"}
    refused = client.post(f"{pet.url}aanmelden/", class_data(session=small.pk, **party))
    assert "Op deze datum zijn 30 plaatsen" in refused.content.decode()
    accepted = client.post(f"{pet.url}aanmelden/", class_data(session=large.pk, **party))
    assert accepted.status_code == 303


def test_the_form_refuses_a_family_bigger_than_its_date(client, make_event):
    family_day = make_event(on_site=True, kind=EventKind.FAMILY_DAY, capacity=5)
    response = client.post(f"{family_day.url}aanmelden/", person_data(persons="6"))
    assert response.status_code == 400
    assert "Op deze datum zijn 5 plaatsen" in response.content.decode()
