import codecs
import csv
import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from core.exports import FORMULA_PREFIXES
from events.factories import RegistrationFactory
from events.models import Registration, RegistrationState
from tests.roles import denied

LIST_URL = reverse("wagtailsnippets_events_registration:list")


@pytest.fixture
def event(make_event):
    return make_event(on_site=True, title="PET Heerhugowaard", capacity=30)


def test_staff_see_the_registrations_of_one_event(moderator_client, event, make_event):
    RegistrationFactory(event=event, contact_name="Juf Fatima", school_name="De Regenboog")
    other = make_event(on_site=True, title="Ander evenement")
    RegistrationFactory(event=other, contact_name="Meester Kees")
    html = moderator_client.get(LIST_URL, {"event": event.pk}).content.decode()
    assert "De Regenboog - PET Heerhugowaard" in html
    assert "Meester Kees" not in html


def test_staff_export_the_registrations_as_csv(moderator_client, event):
    RegistrationFactory(
        event=event,
        school_name="De Regenboog",
        groups="groep 6",
        pupils=24,
        adults=2,
        persons=0,
        email="juf@regenboog.example.nl",
    )
    response = moderator_client.get(LIST_URL, {"event": event.pk, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="aanmeldingen')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    [header, row] = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert header[:5] == ["Evenement", "Datum", "Tijd", "Status", "School"]
    session = event.sessions.get()
    assert row[:3] == ["PET Heerhugowaard", f"{session.date:%d-%m-%Y}", "09:00–14:30"]
    assert "juf@regenboog.example.nl" in row
    cells = dict(zip(header, row, strict=True))
    assert (cells["Aantal leerlingen"], cells["Aantal begeleiders"]) == ("24", "2")
    assert cells["Totaal personen"] == "26"
    assert "Aantal personen" not in header


# What an attacker types into the public form so that a spreadsheet runs it (CSV injection).
# Formulas the public form lets through (names refuse web and mail addresses).
HOSTILE = {
    "school_name": '=HYPERLINK("kwaad"&A1,"Klik hier, juf Renée")',
    "school_reference": "-2+3+cmd|' /C calc'!A0",
    "contact_name": "+SUM(1+1)*cmd|' /C calc'!A0",
    "phone": "+31 20 123 4567",
}


def register_hostile_class(client, event):
    response = client.post(
        f"{event.url}aanmelden/",
        {
            **HOSTILE,
            "groups": ["groep 7"],
            "pupils": "20",
            "adults": "2",
            "email": "juf@kwaad.example",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 303


def export(client, event, export_format):
    response = client.get(LIST_URL, {"event": event.pk, "export": export_format})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_the_csv_export_writes_no_formulas_and_is_utf8_with_a_bom(moderator_client, event):
    register_hostile_class(moderator_client, event)
    response, body = export(moderator_client, event, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith(codecs.BOM_UTF8)
    [header, row] = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    cells = dict(zip(header, row, strict=True))
    assert cells["School"] == "'" + HOSTILE["school_name"]
    assert cells["BRIN-nummer of gemeente"] == "'" + HOSTILE["school_reference"]
    assert cells["Naam"] == "'" + HOSTILE["contact_name"]
    assert cells["Telefoonnummer"] == "'" + HOSTILE["phone"]
    assert not [cell for cell in row if cell.startswith(FORMULA_PREFIXES)]


def test_the_excel_export_keeps_formulas_as_marked_text(moderator_client, event):
    register_hostile_class(moderator_client, event)
    _, body = export(moderator_client, event, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    for heading, field in [
        ("School", "school_name"),
        ("BRIN-nummer of gemeente", "school_reference"),
        ("Naam", "contact_name"),
        ("Telefoonnummer", "phone"),
    ]:
        cell = row[heading]
        # The value as it came in, typed as text and marked so Excel never evaluates it.
        assert (cell.value, cell.data_type, cell.quotePrefix) == (HOSTILE[field], "s", True)
    assert row["Aantal leerlingen"].value == 20


def test_exports_are_in_local_time_for_dutch_excel(moderator_client, event):
    # 07:48 UTC on a winter day is 08:48 in Amsterdam, which the admin shows.
    moment = datetime.datetime(2027, 1, 14, 7, 48, tzinfo=datetime.UTC)
    registration = RegistrationFactory(event=event)
    Registration.objects.filter(pk=registration.pk).update(created_at=moment)
    _, body = export(moderator_client, event, "csv")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Evenement;Datum;Tijd;Status;")
    [header, row] = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert row[header.index("Aangemeld op")] == "14-01-2027 08:48"
    _, body = export(moderator_client, event, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    header = [cell.value for cell in sheet[1]]
    assert sheet[2][header.index("Aangemeld op")].value == datetime.datetime(2027, 1, 14, 8, 48)


def test_the_excel_export_of_one_event_is_named_after_it(moderator_client, make_event):
    event = make_event(on_site=True, title="PET De Kop: Den Helder [najaar] / groep 7 en 8")
    session = event.sessions.get()
    RegistrationFactory(event=event, school_name="De Regenboog", pupils=24, adults=3, persons=0)
    response, body = export(moderator_client, event, "xlsx")
    assert f"aanmeldingen-{event.slug}.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    # At most 31 characters, none of : [ ] / that Excel refuses in a sheet's name.
    assert workbook.sheetnames == ["PET De Kop Den Helder najaar gr"]
    sheet = workbook.active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["Evenement"] == event.title
    assert (cells["Datum"], cells["Tijd"]) == (f"{session.date:%d-%m-%Y}", "09:00–14:30")
    assert (cells["Aantal leerlingen"], cells["Aantal begeleiders"]) == (24, 3)
    assert cells["Totaal personen"] == 27


def test_an_export_of_all_events_is_called_aanmeldingen(moderator_client, event):
    RegistrationFactory(event=event)
    response = moderator_client.get(LIST_URL, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Aanmeldingen"]


def test_a_whole_day_says_so_in_the_export(moderator_client, make_event):
    day = datetime.date(2027, 4, 3)
    event = make_event(on_site=True, dates=[(day, None, None)])
    RegistrationFactory(event=event)
    _, body = export(moderator_client, event, "csv")
    [header, row] = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert row[1:3] == ["03-04-2027", "hele dag"]


def test_the_downloads_are_buttons_on_the_registrations_list(moderator_client, event):
    html = moderator_client.get(LIST_URL, {"event": event.pk}).content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    assert "Download Excel" in header and "Download CSV" in header
    assert "export=xlsx" in header and f"event={event.pk}" in header


def test_the_explorer_links_an_event_to_its_registrations(admin_client, event):
    html = admin_client.get(reverse("wagtailadmin_explore", args=[event.get_parent().pk]))
    assert f"{LIST_URL}?event={event.pk}" in html.content.decode()


def test_staff_cancelling_in_the_admin_promotes_the_waitlist(moderator_client, event):
    confirmed = RegistrationFactory(event=event, persons=30)
    waiting = RegistrationFactory(event=event, persons=2, state=RegistrationState.WAITLISTED)
    edit_url = reverse("wagtailsnippets_events_registration:edit", args=[confirmed.pk])
    form = {
        "state": "afgemeld",
        "contact_name": confirmed.contact_name,
        "email": confirmed.email,
        "pupils": 0,
        "adults": 0,
        "persons": 30,
    }
    response = moderator_client.post(edit_url, form)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.CONFIRMED
    assert mail.outbox[-1].to == [waiting.email]


def test_visitors_and_the_public_site_never_see_registrations(client, event):
    RegistrationFactory(event=event)
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_redacteur_may_not_download_registrations(redacteur_client, event):
    RegistrationFactory(event=event, contact_name="Juf Fatima")
    for export_format in ["csv", "xlsx"]:
        response = redacteur_client.get(LIST_URL, {"event": event.pk, "export": export_format})
        assert denied(response)
        assert "Juf Fatima" not in response.content.decode()


def test_organisers_see_the_registrations_that_wait_for_confirmation(moderator_client, event):
    register_hostile_class(moderator_client, event)  # a public sign-up, not yet confirmed
    RegistrationFactory(event=event, school_name="De Regenboog")
    waiting = moderator_client.get(LIST_URL, {"state": RegistrationState.UNCONFIRMED})
    html = waiting.content.decode()
    assert "Wacht op bevestiging e-mailadres" in html
    assert "Klik hier, juf Renée" in html and "De Regenboog" not in html
    _, body = export(moderator_client, event, "csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert sorted(row["Status"] for row in rows) == [
        "Bevestigd",
        "Wacht op bevestiging e-mailadres",
    ]
    assert "E-mailadres bevestigd op" in rows[0]


def test_editors_see_the_maximum_per_registration_with_its_help(admin_client, event):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert "Leerlingen per aanmelding" in html
    assert "zoveel leerlingen meldt een school hoogstens in één aanmelding aan" in html
    assert 'name="max_pupils" value="35"' in html
