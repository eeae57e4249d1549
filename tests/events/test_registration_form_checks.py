"""What the public sign-up form refuses before anything is stored or mailed."""

import pytest
from django.core import mail

from events.models import EventKind, Registration
from tests.events.registrations import class_data, person_data

ADDRESS_MESSAGE = "Een naam kan geen web- of e-mailadres bevatten."


@pytest.fixture
def pet(make_event):
    return make_event(on_site=True, title="PET Zaandam", capacity=60)


@pytest.mark.parametrize(
    "field, value",
    [
        (
            "contact_name",
            "klant, uw account is geblokkeerd. Herstel via https://evil.example/login",
        ),
        ("school_name", "Herstel via evil.example/login"),
        ("school_reference", "www.evil.example"),
    ],
)
def test_the_confirmation_mail_carries_no_strangers_link(client, pet, field, value):
    data = class_data(email="slachtoffer@example.org", **{field: value})
    response = client.post(f"{pet.url}aanmelden/", data)
    assert response.status_code == 400
    assert ADDRESS_MESSAGE in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_a_parents_name_carries_no_link_either(client, make_event):
    family_day = make_event(on_site=True, kind=EventKind.FAMILY_DAY)
    data = person_data(contact_name="Herstel uw account op evil.example")
    response = client.post(f"{family_day.url}aanmelden/", data)
    assert response.status_code == 400
    assert ADDRESS_MESSAGE in response.content.decode()
    assert mail.outbox == []


def test_real_school_names_are_accepted(client, pet):
    for number, school in enumerate(["St. Jozefschool", "OBS 't Palet", "IKC De Zevensprong"]):
        data = class_data(school_name=school, email=f"school{number}@example.nl")
        assert client.post(f"{pet.url}aanmelden/", data).status_code == 303
