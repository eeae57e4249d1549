"""Privacy rights (AVG, access and erasure): `export_personal_data` hands over everything the
site holds about one e-mail address, `erase_personal_data` removes or anonymises it everywhere."""

import io
import json

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from wagtail.images.models import Image
from wagtail.models import ModelLogEntry
from wagtail.search.models import IndexEntry

from core.models import PersonalDataRequest
from events.models import Registration, RegistrationState
from manifest.factories import InitiativeFactory
from manifest.models import InvalidTransition, Signature, SignatureState
from partners.models import Partner
from tests.core.conftest import ADDRESS, NAME
from tests.core.stored_text import places_holding


def export(address=ADDRESS):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_personal_data", "--email", address, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def erase(address=ADDRESS):
    out = io.StringIO()
    call_command("erase_personal_data", "--email", address, stdout=out)
    return out.getvalue()


def stored_files(image):
    return [image.file.name, *(rendition.file.name for rendition in image.renditions.all())]


def test_the_export_holds_every_signature_and_registration_of_the_address(person):
    data, report = export(ADDRESS.upper())
    signatures = {item["Naam organisatie (ingestuurd)"]: item for item in data["ondertekeningen"]}
    assert set(signatures) == {
        "Duinzicht Elektrotechniek",
        "Kustlicht Installaties",
        "Zeewind Techniek",
        "Polderkracht Energie",
    }
    approved = signatures["Duinzicht Elektrotechniek"]
    assert approved["Status"] == "Goedgekeurd"
    assert approved["Naam ondertekenaar"] == NAME
    assert approved["E-mailadres (privé)"] == ADDRESS.lower()  # the form stores it so
    assert approved["Website (ingestuurd)"] == "https://duinzicht.example.nl/"
    assert approved["Logo (ingestuurd)"].startswith("Logo Duinzicht")
    assert signatures["Zeewind Techniek"]["Reden van afwijzing"].startswith("Na overleg")
    assert signatures["Kustlicht Installaties"]["Status"] == "Niet bevestigd"

    registrations = {item["Evenement"]: item for item in data["aanmeldingen"]}
    assert set(registrations) == {"PET Zaandam", "Ouder-kind-dag"}
    school = registrations["PET Zaandam"]
    assert (school["School"], school["Naam"], school["Aantal leerlingen"]) == (
        "OBS De Klimop",
        NAME,
        26,
    )
    assert school["Datum"].startswith("PET Zaandam (")
    assert registrations["Ouder-kind-dag"]["Telefoonnummer"] == "0612345678"
    assert data["beheerdersaccounts"] == []
    assert "ondertekeningen: 4, aanmeldingen: 2" in report


def test_the_export_names_admin_log_entries_and_other_places_with_the_address(person, pet):
    InitiativeFactory(title="Techniek op school", contact_email=ADDRESS.lower())
    data, _ = export()
    log = {(entry["Handeling"], entry["Omschrijving"]) for entry in data["beheerlogboek"]}
    assert ("Ondertekening goedgekeurd", "Duinzicht Elektrotechniek (goedgekeurd)") in log
    assert ("Wijzig", f"{NAME} - Ouder-kind-dag") in log
    assert [entry["Soort gegevens"] for entry in data["elders gevonden"]] == ["Initiatief"]
    assert data["elders gevonden"][0]["Velden"] == ["Contact (e-mail)"]


def test_erasure_deletes_open_and_rejected_submissions_with_their_logos(
    person, django_capture_on_commit_callbacks
):
    logo = person["open"].logo
    files = stored_files(logo)
    with django_capture_on_commit_callbacks(execute=True):
        report = erase()
    for key in ["open", "rejected", "withdrawn"]:
        assert not Signature.objects.filter(pk=person[key].pk).exists()
    assert not Image.objects.filter(pk=logo.pk).exists()
    assert not [name for name in files if default_storage.exists(name)]
    assert "Ondertekening voor Kustlicht Installaties (niet bevestigd): verwijderd" in report


def test_erasure_deletes_an_organisation_only_an_undone_approval_added(person):
    added = person["withdrawn"].partner
    assert (added.live, Partner.objects.filter(pk=added.pk).exists()) == (False, True)
    erase()
    assert not Partner.objects.filter(pk=added.pk).exists()
    assert not IndexEntry.objects.filter(title__icontains="Polderkracht").exists()


def test_erasure_anonymises_an_approved_signature_and_keeps_the_signatory(person, client):
    report = erase()
    approved = Signature.objects.get(pk=person["approved"].pk)
    assert approved.state == SignatureState.APPROVED
    assert (approved.signer_name, approved.contact_email, approved.statement) == ("", "", "")
    assert approved.partner.live
    assert "Duinzicht Elektrotechniek" in client.get("/manifest/ondertekenaars/").content.decode()
    assert "Duinzicht Elektrotechniek blijft ondertekenaar van het manifest" in report


def test_erasure_deletes_registrations_and_the_waitlist_moves_up(person):
    report = erase()
    assert not Registration.objects.filter(pk__in=[person["school"].pk, person["family"].pk])
    waiting = Registration.objects.get(pk=person["waiting"].pk)
    assert waiting.state == RegistrationState.CONFIRMED
    assert [message.to for message in mail.outbox] == [["els@example.nl"]]
    assert "1 aanmelding(en) van de wachtlijst kregen de plaatsen" in report


def test_erasure_leaves_the_address_and_the_name_nowhere_in_the_database(
    person, django_capture_on_commit_callbacks
):
    assert {
        "manifest_signature.contact_email",
        "events_registration.email",
        "wagtailcore_modellogentry.label",
    } <= set(places_holding(ADDRESS, NAME))
    with django_capture_on_commit_callbacks(execute=True):
        erase(ADDRESS.lower())
    assert places_holding(ADDRESS, NAME) == []
    assert "Els Bakker" in [r.contact_name for r in Registration.objects.all()]


def test_erasure_is_logged_with_a_hash_of_the_address_only(person):
    erase()
    export()
    requests = list(PersonalDataRequest.objects.order_by("created_at", "pk"))
    assert [(r.action, r.channel) for r in requests] == [
        ("wissen", "opdracht"),
        ("inzage", "opdracht"),
    ]
    assert {r.address_hash for r in requests} == {PersonalDataRequest.hash_address(ADDRESS)}
    assert ModelLogEntry.objects.filter(action="core.personal_data.erase").count() == 1
    assert places_holding(ADDRESS) == []


def test_a_staff_account_is_handed_over_and_kept(db, django_user_model):
    django_user_model.objects.create_user("pjansen", email=ADDRESS, first_name="Piet")
    data, _ = export()
    [account] = data["beheerdersaccounts"]
    assert (account["Gebruikersnaam"], account["Voornaam"]) == ("pjansen", "Piet")
    report = erase()
    assert django_user_model.objects.filter(username="pjansen").exists()
    assert "Beheerdersaccount ‘pjansen’: niet gewist" in report


def test_an_address_nobody_used_finds_nothing(db):
    data, _ = export("niemand@example.nl")
    assert data["ondertekeningen"] == data["aanmeldingen"] == []
    assert "Er waren geen gegevens bij dit e-mailadres." in erase("niemand@example.nl")


@pytest.mark.parametrize("command", ["export_personal_data", "erase_personal_data"])
def test_a_wrong_address_is_refused_in_dutch_and_changes_nothing(db, command):
    with pytest.raises(CommandError, match="Vul een geldig e-mailadres in"):
        call_command(command, "--email", "geen adres", stdout=io.StringIO())
    assert not PersonalDataRequest.objects.exists()


def test_an_approved_signature_is_never_discarded(person):
    with pytest.raises(InvalidTransition):
        person["approved"].discard()
    assert Signature.objects.filter(pk=person["approved"].pk).exists()
