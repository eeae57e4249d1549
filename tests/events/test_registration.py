import datetime
import threading
from decimal import Decimal

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from core import pagecache
from core.jobs import run_due
from events.factories import EventIndexPageFactory, OnSiteEventFactory, RegistrationFactory
from events.models import EventKind, EventStatus, Registration, RegistrationState
from events.signup import cancel, confirm
from tests.events.conftest import in_days
from tests.events.registrations import class_data, link_in, person_data, register


@pytest.fixture
def pet(make_event):
    return make_event(on_site=True, title="PET Zaandam", capacity=60)


@pytest.fixture
def family_day(make_event):
    return make_event(on_site=True, title="Ouder-kind-dag", kind=EventKind.FAMILY_DAY, capacity=5)


def test_the_confirmation_carries_the_address_the_map_the_calendar_and_the_family_day(
    client, make_event
):
    pet = make_event(
        on_site=True,
        title="PET Hoorn",
        capacity=60,
        address="Dreef 3, 2012 HR Haarlem",
        latitude=Decimal("52.956300"),
        longitude=Decimal("4.759700"),
    )
    day = make_event(
        title="Ouder-kind-dag Hoorn",
        kind=EventKind.FAMILY_DAY,
        related_pet=pet,
        dates=[(in_days(40), None, None)],
    )
    session = pet.sessions.get()
    registration = register(client, pet, class_data())
    message = mail.outbox[-1]
    assert message.subject == "Aanmelding PET Hoorn"
    ics_url = f"{settings.WAGTAILADMIN_BASE_URL}{pet.url}ical/{session.pk}/"
    map_url = (
        "https://www.openstreetmap.org/?mlat=52.956300&mlon=4.759700#map=16/52.956300/4.759700"
    )
    for expected in [
        "Locatie: Techniekhal",
        "Adres: Dreef 3, 2012 HR Haarlem",
        f"Kaart: {map_url}",
        ics_url,
        f"hoort een ouder-kind-dag: Ouder-kind-dag Hoorn, {day.sessions.get().when_text}.",
        settings.WAGTAILADMIN_BASE_URL + day.url,
    ]:
        assert expected in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == (session.ics_name, "text/calendar")
    [entry] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert entry.decoded("DTSTART") == session.start
    assert entry["LOCATION"] == "Techniekhal, Dreef 3, 2012 HR Haarlem"
    assert (entry["GEO"].latitude, entry["GEO"].longitude) == (52.9563, 4.7597)

    html = client.get(link_in(message)).content.decode()
    assert registration.state == "bevestigd"
    assert "<dt>Adres</dt><dd>Dreef 3, 2012 HR Haarlem</dd>" in html
    assert "mlat=52.956300&amp;mlon=4.759700" in html
    assert f'href="{pet.url}ical/{session.pk}/"' in html
    assert f'<a href="{day.url}">Ouder-kind-dag Hoorn</a>' in html


def test_a_waitlisted_registration_gets_no_calendar_file(client, family_day):
    register(client, family_day, person_data(persons="5"))
    register(client, family_day, person_data(email="wacht@example.nl"))
    assert mail.outbox[-1].subject.endswith("u staat op de wachtlijst")
    assert mail.outbox[-1].attachments == []
    assert "Zet deze datum in uw agenda" not in mail.outbox[-1].body


def test_the_consent_error_reads_as_one_sentence(client, pet):
    response = client.post(f"{pet.url}aanmelden/", class_data(privacy_consent=""))
    html = response.content.decode()
    assert "dit evenement: Geef toestemming om u aan te melden." in html
    assert ".: " not in html


def test_a_school_registers_a_class_and_confirms_it_with_the_link_in_the_mail(client, pet):
    response = client.post(f"{pet.url}aanmelden/", class_data())
    assert response.status_code == 303
    # The key to the registration travels only in the e-mail: the visitor who submitted the
    # form cannot confirm an address that is not theirs.
    assert response["Location"] == f"{pet.url}aanmelden/"
    sent = client.get(response["Location"]).content.decode()
    assert "Kijk in uw e-mail" in sent and "anna@klimop.example.nl" in sent
    registration = Registration.objects.get(event=pet)
    assert registration.state == RegistrationState.UNCONFIRMED
    assert (registration.places, registration.groups) == (29, "groep 7, groep 8")
    assert registration.session == pet.sessions.get()
    [message] = mail.outbox
    assert message.to == ["anna@klimop.example.nl"]
    assert message.subject == "Bevestig uw aanmelding voor PET Zaandam"
    assert "binnen 24 uur" in message.body
    link = link_in(message)
    # Opening the link (as a mail scanner does) confirms nothing; the button does.
    page = client.get(link)
    assert "Bevestig uw aanmelding" in page.content.decode()
    assert Registration.objects.get().state == RegistrationState.UNCONFIRMED
    confirmed = client.post(link, {"actie": "bevestigen"})
    assert confirmed.status_code == 200
    assert "U bent aangemeld" in confirmed.content.decode()
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED
    assert registration.confirmed_at is not None
    assert mail.outbox[-1].subject == "Aanmelding PET Zaandam"
    assert link_in(mail.outbox[-1]) == link
    assert "U bent aangemeld" in client.get(link).content.decode()


def test_one_visitor_cannot_book_a_whole_date(client, make_event):
    event = make_event(on_site=True, title="PET Techlands", capacity=150)
    response = client.post(f"{event.url}aanmelden/", class_data(pupils="120", adults="30"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Meld hoogstens 35 leerlingen per aanmelding aan." in html
    assert "Meld hoogstens 5 begeleiders per aanmelding aan." in html
    assert 'max="35"' in html
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_editors_set_the_maximum_per_registration(client, make_event):
    event = make_event(on_site=True, title="PET Techlands", capacity=150, max_pupils=60)
    assert client.post(f"{event.url}aanmelden/", class_data(pupils="60")).status_code == 303
    family_day = make_event(on_site=True, kind=EventKind.FAMILY_DAY, max_persons=4)
    refused = client.post(f"{family_day.url}aanmelden/", person_data(persons="5"))
    assert "Meld hoogstens 4 personen per aanmelding aan." in refused.content.decode()


def test_an_unconfirmed_registration_takes_no_place(client, family_day):
    assert client.post(f"{family_day.url}aanmelden/", person_data(persons="5")).status_code == 303
    late_link = link_in(mail.outbox[-1])
    assert "nog 5 plaatsen" in client.get(family_day.url).content.decode()
    # Someone else confirms first and takes the places; the first one, confirming later,
    # waits on the date's waitlist.
    register(client, family_day, person_data(email="snel@example.nl", persons="4"))
    assert "nog 1 plaats" in client.get(family_day.url).content.decode()
    confirmed_late = client.post(late_link, {"actie": "bevestigen"})
    assert "U staat op de wachtlijst" in confirmed_late.content.decode()
    assert Registration.objects.get(email="piet@example.nl").state == RegistrationState.WAITLISTED
    assert "u staat op de wachtlijst" in mail.outbox[-1].subject


def test_a_used_confirmation_link_says_so(client, pet):
    register(client, pet, class_data())
    again = client.post(link_in(mail.outbox[0]), {"actie": "bevestigen"})
    assert again.status_code == 409
    assert "Deze aanmelding is al bevestigd" in again.content.decode()


@pytest.mark.date_dependent
def test_unconfirmed_registrations_expire_after_24_hours(client, pet, clock):
    client.post(f"{pet.url}aanmelden/", class_data())
    kept = register(client, pet, class_data(email="bevestigd@klimop.example.nl"))
    link = link_in(mail.outbox[0])
    clock.shift(datetime.timedelta(hours=23))
    run_due(force=True, names=["expire_registration_holds"])
    assert client.get(link).status_code == 200
    clock.shift(datetime.timedelta(hours=1, minutes=1))
    for response in [client.get(link), client.post(link, {"actie": "bevestigen"})]:
        assert response.status_code == 410
        assert "Deze link is verlopen" in response.content.decode()
        assert "niet binnen 24 uur is bevestigd" in response.content.decode()
    [outcome] = run_due(force=True, names=["expire_registration_holds"])
    assert outcome.message == "1 niet bevestigde aanmelding(en) vervallen."
    assert list(Registration.objects.all()) == [kept]
    gone = client.get(link)
    assert gone.status_code == 404
    assert "niet op tijd bevestigd" in gone.content.decode()


@pytest.mark.date_dependent
def test_a_registration_cannot_be_confirmed_once_its_date_is_over(client, make_event, clock):
    # The event's later date keeps it open, so only the date of the registration can refuse.
    event = make_event(
        on_site=True, dates=[(in_days(0), None, None), (in_days(7), None, None)], capacity=50
    )
    today = event.sessions.get(date=in_days(0))
    client.post(f"{event.url}aanmelden/", class_data(session=today.pk))
    link = link_in(mail.outbox[0])
    clock.shift(datetime.timedelta(hours=14))
    for response in [client.get(link), client.post(link, {"actie": "bevestigen"})]:
        assert response.status_code == 410
        assert "Deze datum is al geweest" in response.content.decode()
    # Also when the page's check and the confirmation straddle the end of the date.
    assert confirm(Registration.objects.get()) is False
    assert Registration.objects.get().state == RegistrationState.UNCONFIRMED
    assert len(mail.outbox) == 1


def test_a_registration_for_a_cancelled_event_cannot_be_confirmed(client, pet):
    client.post(f"{pet.url}aanmelden/", class_data())
    pet.status = EventStatus.CANCELLED
    pet.save_revision().publish()
    response = client.post(link_in(mail.outbox[0]), {"actie": "bevestigen"})
    assert response.status_code == 410
    assert "geannuleerd" in response.content.decode()
    assert Registration.objects.get().state == RegistrationState.UNCONFIRMED


def test_parents_register_with_the_number_of_persons(client, family_day):
    assert client.post(f"{family_day.url}aanmelden/", person_data()).status_code == 303
    assert Registration.objects.get(event=family_day).places == 3


@pytest.mark.date_dependent
def test_the_school_form_asks_for_a_date_when_there_are_several(client, make_event):
    event = make_event(
        on_site=True, dates=[(in_days(5), None, None), (in_days(6), None, None)], capacity=50
    )
    missing = client.post(f"{event.url}aanmelden/", class_data())
    assert missing.status_code == 400
    assert "Datum: " in missing.content.decode()
    second = event.sessions.order_by("date")[1]
    assert client.post(f"{event.url}aanmelden/", class_data(session=second.pk)).status_code == 303
    assert Registration.objects.get().session == second


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pupils": "0"}, "Meld minstens één leerling aan."),
        ({"pupils": "10000"}, "Meld hoogstens 35 leerlingen"),
        ({"pupils": "abc"}, "Vul een aantal in"),
        ({"adults": "0"}, "Er gaat minstens één begeleider mee."),
        ({"privacy_consent": ""}, "Geef toestemming om u aan te melden."),
        ({"email": "geen-adres"}, "e-mailadres"),
        ({"groups": []}, "Groep(en): "),
        ({"groups": ["groep 12"]}, "Groep(en): "),
        ({"school_name": "<script>alert(1)</script>"}, "Gebruik geen &lt; of &gt;"),
        ({"school_name": "x" * 5000}, "Naam van de school: "),
    ],
)
def test_bad_registrations_get_a_dutch_message_and_store_nothing(client, pet, overrides, message):
    response = client.post(f"{pet.url}aanmelden/", class_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_the_form_does_not_tell_who_is_signed_up_but_mails_the_address(client, pet):
    # A stranger cannot learn whether an address is signed up (on a family day: whether a
    # named parent goes); the address's owner hears it, with the way to their registration.
    registered = register(client, pet, class_data())
    stored = list(Registration.objects.values())
    first_link = link_in(mail.outbox[-1])
    mail.outbox.clear()

    def answer(address):
        posted = client.post(f"{pet.url}aanmelden/", class_data(email=address.upper()))
        page = client.get(posted["Location"])
        text = page.content.decode().replace(address, "ADRES")
        return posted.status_code, posted["Location"], page.status_code, text

    assert answer("anna@klimop.example.nl") == answer("nieuw@klimop.example.nl")
    assert Registration.objects.exclude(email="nieuw@klimop.example.nl").count() == 1
    assert list(Registration.objects.filter(pk=registered.pk).values()) == stored
    [reminder] = [message for message in mail.outbox if message.to == [registered.email]]
    assert reminder.subject == "U bent al aangemeld voor PET Zaandam"
    link = link_in(reminder)
    page = client.get(link)
    assert page.status_code == 200
    assert "U bent aangemeld" in page.content.decode()
    # The link mailed before still works too: nobody else's submission can end it.
    assert client.get(first_link).status_code == 200
    key = link.split("/")[-2]
    assert client.get(link.replace(key, f"{key[:-4]}AAAA")).status_code == 404


def test_submitting_again_before_confirming_replaces_the_unconfirmed_one(client, pet):
    client.post(f"{pet.url}aanmelden/", class_data(pupils="30"))
    client.post(f"{pet.url}aanmelden/", class_data(pupils="26"))
    assert Registration.objects.get().pupils == 26
    first_link, second_link = (link_in(message) for message in mail.outbox)
    assert client.get(first_link).status_code == 404
    assert client.post(second_link, {"actie": "bevestigen"}).status_code == 200


# Within one window of the mail cap: it must not end halfway through the test.
@pytest.mark.date_dependent
def test_a_submission_the_mail_cap_stops_leaves_the_pending_registration_alone(client, pet):
    # Whoever knows the address could otherwise replace the teacher's pending registration
    # until her mails stop, leaving her with dead links only.
    answers = [
        client.post(f"{pet.url}aanmelden/", class_data(pupils=pupils), follow=True)
        for pupils in ["20", "21", "22", "23"]
    ]
    assert len(mail.outbox) == settings.MAILS_PER_RECIPIENT_PER_HOUR == 3
    third, fourth = answers[2:]
    assert third.status_code == fourth.status_code == 200
    assert fourth.content == third.content
    assert "We hebben een e-mail gestuurd" in fourth.content.decode()
    assert Registration.objects.get().pupils == 22
    assert client.post(link_in(mail.outbox[2]), {"actie": "bevestigen"}).status_code == 200


@pytest.mark.date_dependent(across_the_year=True)
def test_past_and_cancelled_events_take_no_registrations(client, make_event):
    past = make_event(on_site=True, dates=[(in_days(-1), None, None)])
    cancelled = make_event(on_site=True, status=EventStatus.CANCELLED)
    for event, reason in [(past, "al geweest"), (cancelled, "geannuleerd")]:
        form = client.get(f"{event.url}aanmelden/")
        posted = client.post(f"{event.url}aanmelden/", class_data())
        assert form.status_code == posted.status_code == 410
        assert reason in posted.content.decode()
    assert not Registration.objects.exists()


def test_events_without_registration_on_this_site_have_no_form(client, make_event):
    event = make_event()
    assert client.get(f"{event.url}aanmelden/").status_code == 404


def test_a_bot_filling_the_hidden_field_is_not_stored(client, pet):
    response = client.post(f"{pet.url}aanmelden/", class_data(fax="spam"))
    assert response.status_code == 400
    assert not Registration.objects.exists()


# Within one window of the rate limit: it must not end halfway through the test.
@pytest.mark.date_dependent
def test_too_many_registrations_from_one_address_get_429(client, pet, settings):
    settings.EVENT_REGISTRATIONS_PER_HOUR = 1
    assert client.post(f"{pet.url}aanmelden/", class_data()).status_code == 303
    response = client.post(f"{pet.url}aanmelden/", class_data(email="b@example.nl"))
    assert response.status_code == 429
    assert Registration.objects.count() == 1


def test_a_full_event_waitlists_and_a_cancellation_promotes_the_first_in_line(client, family_day):
    for number, persons in enumerate(["3", "2", "1", "2"]):
        register(
            client, family_day, person_data(email=f"ouder{number}@example.nl", persons=persons)
        )
    states = list(Registration.objects.order_by("pk").values_list("state", flat=True))
    assert states == ["bevestigd", "bevestigd", "wachtlijst", "wachtlijst"]
    first = Registration.objects.get(email="ouder0@example.nl")
    mail.outbox.clear()
    promoted = cancel(first)
    assert sorted(registration.email for registration in promoted) == [
        "ouder2@example.nl",
        "ouder3@example.nl",
    ]
    assert cancel(first) is None
    states = dict(Registration.objects.values_list("email", "state"))
    assert states == {
        "ouder0@example.nl": "afgemeld",
        "ouder1@example.nl": "bevestigd",
        "ouder2@example.nl": "bevestigd",
        "ouder3@example.nl": "bevestigd",
    }
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ouder2@example.nl",
        "ouder3@example.nl",
    ]
    assert "van de wachtlijst" in mail.outbox[0].subject
    assert "/aanmelding/" in mail.outbox[0].body


def test_the_waitlist_is_first_come_first_served(family_day):
    RegistrationFactory(event=family_day, persons=5)
    big = RegistrationFactory(event=family_day, persons=4, state=RegistrationState.WAITLISTED)
    small = RegistrationFactory(event=family_day, persons=1, state=RegistrationState.WAITLISTED)
    cancel(Registration.objects.get(persons=5))
    big.refresh_from_db()
    small.refresh_from_db()
    # The class of four fits and goes first; the single person behind it fits as well.
    assert (big.state, small.state) == ("bevestigd", "bevestigd")


def test_the_registrant_cancels_through_the_link_in_the_mail_after_saying_yes(client, family_day):
    register(client, family_day, person_data(persons="5"))
    register(client, family_day, person_data(email="wacht@example.nl"))
    link = link_in(mail.outbox[0])
    # The first click only asks; nothing is cancelled yet.
    asked = client.post(link, {"actie": "afmelden"}).content.decode()
    assert "Weet u het zeker?" in asked
    assert 'value="afmelden-bevestigd"' in asked
    assert Registration.objects.get(email="piet@example.nl").state == "bevestigd"
    mail.outbox.clear()
    response = client.post(link, {"actie": "afmelden-bevestigd"})
    html = response.content.decode()
    assert "Uw afmelding is verwerkt." in html
    assert "Uw plaats gaat naar wie op de wachtlijst stond." in html
    assert Registration.objects.get(email="piet@example.nl").is_cancelled
    assert Registration.objects.get(email="wacht@example.nl").state == "bevestigd"
    cancelled = next(message for message in mail.outbox if message.to == ["piet@example.nl"])
    assert cancelled.subject == "Afgemeld: Ouder-kind-dag"
    assert "U bent afgemeld voor Ouder-kind-dag." in cancelled.body
    assert "Adres: Stationsplein 1, Haarlem" in cancelled.body
    # Cancelling again changes nothing and mails nothing.
    mail.outbox.clear()
    again = client.post(link, {"actie": "afmelden-bevestigd"})
    assert "U bent afgemeld" in again.content.decode()
    assert mail.outbox == []


def test_a_cancellation_mentions_the_waitlist_only_when_someone_moves_up(client, family_day):
    register(client, family_day, person_data(persons="2"))
    link = link_in(mail.outbox[-1])
    register(client, family_day, person_data(email="vol@example.nl", persons="3"))
    register(client, family_day, person_data(email="groot@example.nl", persons="4"))
    assert Registration.objects.get(email="groot@example.nl").state == "wachtlijst"
    # Two places come free; the family of four waiting does not fit in them.
    html = client.post(link, {"actie": "afmelden-bevestigd"}).content.decode()
    assert "Uw afmelding is verwerkt." in html
    assert "wachtlijst" not in html
    assert Registration.objects.get(email="groot@example.nl").state == "wachtlijst"


def test_a_cancellation_mentions_the_waitlist_only_when_someone_waits(client, family_day):
    register(client, family_day, person_data())
    link = link_in(mail.outbox[-1])
    html = client.post(link, {"actie": "afmelden-bevestigd"}).content.decode()
    assert "Uw afmelding is verwerkt." in html
    assert "wachtlijst" not in html
    assert Registration.objects.get().is_cancelled


def test_a_wrong_link_finds_nothing(client, pet):
    response = client.get(f"{pet.url}aanmelding/verkeerd/")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_raising_the_capacity_promotes_the_waitlist(family_day):
    RegistrationFactory(event=family_day, persons=5)
    waiting = RegistrationFactory(event=family_day, persons=2, state=RegistrationState.WAITLISTED)
    session = family_day.sessions.get()
    session.capacity = 10
    family_day.sessions = [session]
    family_day.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.CONFIRMED
    assert mail.outbox[0].to == [waiting.email]


def test_registrant_data_is_never_on_the_public_pages(client, pet):
    register(client, pet, class_data())
    for path in [pet.url, "/testagenda/", "/testagenda/feed.ics", f"{pet.url}event.ics"]:
        body = client.get(path).content.decode()
        assert "Anna de Vries" not in body and "klimop.example.nl" not in body


@pytest.mark.date_dependent(across_the_year=True)
def test_purge_deletes_registrations_60_days_after_the_event(make_event):
    old = make_event(on_site=True, dates=[(in_days(-61), None, None)])
    recent = make_event(on_site=True, dates=[(in_days(-59), None, None)])
    kept = RegistrationFactory(event=recent)
    RegistrationFactory(event=old)
    call_command("purge_registrations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Registration.objects.all()) == [kept]


def test_thirty_parallel_confirmations_for_twenty_places(transactional_db):
    Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    calendar = EventIndexPageFactory(parent=root)
    Site.objects.create(hostname="testserver", root_page=calendar, is_default_site=True)
    event = OnSiteEventFactory(parent=calendar, title="Drukke dag", kind=EventKind.FAMILY_DAY)
    assert event.sessions.get().capacity == 20
    # Everyone has signed up before anyone confirms: the confirmations race.
    links = []
    for number in range(30):
        address = f"ouder{number}@example.nl"
        Client(REMOTE_ADDR=f"10.0.0.{number}").post(
            f"{event.url}aanmelden/", person_data(email=address, persons="1")
        )
        [message] = [message for message in mail.outbox if message.to == [address]]
        links.append(link_in(message))
    statuses, barrier = [], threading.Barrier(30, timeout=60)

    def confirm(number):
        try:
            client = Client(REMOTE_ADDR=f"10.0.0.{number}")
            barrier.wait()
            statuses.append(client.post(links[number], {"actie": "bevestigen"}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(number,)) for number in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 30
    assert Registration.objects.filter(state="bevestigd").count() == 20
    assert Registration.objects.filter(state="wachtlijst").count() == 10

    first_waiting = Registration.objects.filter(state="wachtlijst").order_by("confirmed_at", "pk")[
        0
    ]
    mail.outbox.clear()
    cancel(Registration.objects.filter(state="bevestigd").first())
    first_waiting.refresh_from_db()
    assert first_waiting.state == "bevestigd"
    assert [message.to for message in mail.outbox] == [[first_waiting.email]]
    assert Registration.objects.filter(state="bevestigd").count() == 20
    assert timezone.now() >= first_waiting.promoted_at


def test_nobody_is_invited_from_the_waitlist_of_a_cancelled_event(family_day):
    confirmed = RegistrationFactory(event=family_day, persons=5)
    waiting = RegistrationFactory(event=family_day, persons=1, state=RegistrationState.WAITLISTED)
    family_day.status = EventStatus.CANCELLED
    family_day.save_revision().publish()
    mail.outbox.clear()
    cancel(confirmed)
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.WAITLISTED
    assert mail.outbox == []


def test_an_unconfirmed_registration_leaves_the_page_cache_alone(client, pet):
    # It changes no public page, so a flood of invented addresses does not empty the cache.
    before = pagecache.content_version()
    client.post(f"{pet.url}aanmelden/", class_data())
    assert pagecache.content_version() == before
    client.post(link_in(mail.outbox[0]), {"actie": "bevestigen"})
    assert pagecache.content_version() != before


def test_only_the_confirmation_request_counts_against_the_mails_per_address(client, pet, settings):
    # A teacher who used up the address's share still hears that the class is registered.
    settings.MAILS_PER_RECIPIENT_PER_HOUR = 1
    register(client, pet, class_data())
    assert [message.subject for message in mail.outbox] == [
        "Bevestig uw aanmelding voor PET Zaandam",
        "Aanmelding PET Zaandam",
    ]
