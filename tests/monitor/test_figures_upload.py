"""An editor's CSV upload in the admin: checked as a whole, previewed, then saved in one go.
Bad input is reported per row in Dutch and changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import pagecache
from monitor.models import Observation, PeriodKind
from tests.roles import MODERATOR, REDACTEUR, denied, logged_in, user_with_role

from .figures import observation, saved_figures

HEADER = "indicator;gebied;periode;waarde;bron\n"
SOURCE_LENGTH = Observation._meta.get_field("source").max_length


@pytest.fixture
def editor(redacteur_client, figures):
    return redacteur_client


def upload(client, text, name="cijfers.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(reverse("monitor_import"), {"file": SimpleUploadedFile(name, data)})


def confirm(client, response):
    key = response.context["confirm_form"].initial["upload"]
    return client.post(reverse("monitor_import_confirm"), {"upload": key}, follow=True)


def page_text(response):
    return response.content.decode()


def test_an_upload_is_previewed_and_saved_only_on_confirmation(editor, figures):
    observation(figures["werkloosheid"], figures["noord-holland"], 2025, "3.2")
    observation(figures["werkloosheid"], figures["nederland"], 2026, "3.8")
    text = (
        HEADER
        + "werkloosheid;noord-holland;2026;4,1;CBS Statline\n"
        + "werkloosheid;PV27;2025;3.4;\n"  # by CBS code, a new value
        + "werkloosheid;nederland;2026;3,8;\n"  # the same value: unchanged
        + "bruto-arbeidsparticipatie;zaanstreek-waterland;2026 K3;71,5;\n"
    )

    before = saved_figures()
    preview = upload(editor, text)

    assert preview.status_code == 200
    assert "4 regels, 2 nieuw, 1 gewijzigd, 1 ongewijzigd" in page_text(preview)
    assert saved_figures() == before  # nothing saved yet
    version = pagecache.content_version()
    saved = confirm(editor, preview)
    # Written in bulk, without signals: the pages and the open data change all the same.
    assert pagecache.content_version() != version
    assert "Cijfers opgeslagen: 2 nieuw, 1 gewijzigd, 1 ongewijzigd." in page_text(saved)
    quarter = Observation.objects.get(indicator=figures["participatie"], period_start__year=2026)
    assert (quarter.period_kind, quarter.period_start, quarter.value) == (
        PeriodKind.QUARTER,
        datetime.date(2026, 7, 1),
        Decimal("71.5"),
    )
    changed = Observation.objects.get(area=figures["noord-holland"], period_start__year=2025)
    assert changed.value == Decimal("3.4")
    assert (
        Observation.objects.get(period_start__year=2026, area=figures["noord-holland"]).source
        == "CBS Statline"
    )
    # The confirmation is used up.
    again = confirm(editor, preview)
    assert "niet meer beschikbaar" in page_text(again)


def test_a_comma_separated_file_with_a_bom_and_decimal_points_is_read(editor, figures):
    text = (
        "\ufeffIndicator,Gebied,Periode,Waarde\n"
        'werkloosheid,AM09,2027-03,"4,4"\n'
        "werkloosheid,NL01,mrt 2027,3.9\n"
    )
    preview = upload(editor, text)
    assert preview.status_code == 200
    confirm(editor, preview)
    values = {
        obs.area.slug: obs.value for obs in Observation.objects.filter(period_start__year=2027)
    }
    assert values == {"zaanstreek-waterland": Decimal("4.4"), "nederland": Decimal("3.9")}


BAD_ROWS = {
    "an unknown indicator": ("werkloos;PV27;2026;4,1", "Regel 3: onbekende indicator “werkloos”."),
    "an unknown area": ("werkloosheid;PV99;2026;4,1", "Regel 3: onbekend gebied “PV99”."),
    "a missing period": ("werkloosheid;PV27;;4,1", "Regel 3: de periode ontbreekt."),
    "an invalid period": ("werkloosheid;PV27;2026-13;4,1", "Regel 3: periode “2026-13” is geen"),
    "text in the number column": (
        "werkloosheid;PV27;2026;vier",
        "Regel 3: waarde “vier” is geen getal",
    ),
    "a duplicate row": (
        "werkloosheid;noord-holland;2025;4,0",
        "Regel 3: staat dubbel: zelfde indicator, gebied en periode als regel 2.",
    ),
    # Saved, it would be cut off or refused by the database (a server error on PostgreSQL).
    "a source longer than a figure holds": (
        "werkloosheid;PV27;2026;4,1;" + "b" * (SOURCE_LENGTH + 1),
        f"Regel 3: de bron is {SOURCE_LENGTH + 1} tekens lang; er passen er {SOURCE_LENGTH} in.",
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS)
def test_a_bad_row_is_reported_and_nothing_is_read(editor, case):
    line, message = BAD_ROWS[case]
    before = saved_figures()
    response = upload(editor, HEADER + "werkloosheid;PV27;2025;3,2\n" + line + "\n")
    assert response.status_code == 400
    assert message in page_text(response).replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "Er is niets ingelezen" in page_text(response)
    assert "confirm_form" not in response.context
    assert saved_figures() == before


FILE_PROBLEMS = {
    "binary": (b"PK\x03\x04\x00\x00binary", "cijfers.csv", "geen CSV-bestand"),
    "not UTF-8": (
        HEADER.encode() + "werkloosheid;PV27;2026;4,1;Bron é\n".encode("latin-1"),
        "cijfers.csv",
        "niet in UTF-8",
    ),
    "no header": (b"werkloosheid;PV27;2026;4,1\n", "cijfers.csv", "De eerste regel moet"),
    "not a CSV file": (
        b"indicator;gebied;periode;waarde\n",
        "cijfers.xlsx",
        "Kies een CSV-bestand",
    ),
    "only a header": (HEADER.encode(), "cijfers.csv", "Er staan geen cijfers in."),
    "a header cell too long for the CSV reader": (
        f'"{"x" * 200_000}";{HEADER}'.encode(),
        "cijfers.csv",
        "De eerste regel moet",
    ),
}


@pytest.mark.parametrize("case", FILE_PROBLEMS)
def test_a_file_that_is_no_csv_is_refused(editor, case):
    data, name, message = FILE_PROBLEMS[case]
    before = saved_figures()
    response = upload(editor, data, name)
    assert response.status_code == 400
    assert message in page_text(response)
    assert saved_figures() == before


def test_a_cell_too_long_for_the_csv_reader_is_reported_and_nothing_is_read(editor, figures):
    before = saved_figures()
    row = f'werkloosheid;noord-holland;2024;4,1;"{"x" * 200_000}"\n'
    response = upload(editor, HEADER + "werkloosheid;PV27;2025;3,2\n" + row)
    assert response.status_code == 400
    assert "Regel 3 kan niet gelezen worden" in page_text(response)
    assert "Er is niets ingelezen" in page_text(response)
    assert saved_figures() == before


def test_a_source_as_long_as_a_figure_holds_is_saved(editor, figures):
    source = "b" * SOURCE_LENGTH
    preview = upload(editor, HEADER + f"werkloosheid;PV27;2026;4,1;{source}\n")
    assert preview.status_code == 200
    confirm(editor, preview)
    saved = Observation.objects.get(area=figures["noord-holland"], period_start__year=2026)
    assert saved.source == source


def test_a_file_of_50_mb_is_refused_and_changes_nothing(editor, figures):
    before = saved_figures()
    row = "werkloosheid;PV27;2026;4,1;CBS\n"
    response = upload(editor, HEADER + row * (50 * 1024 * 1024 // len(row)))
    assert response.status_code == 400
    assert "Het bestand is groter dan 5 MB" in page_text(response)
    assert saved_figures() == before


def test_a_change_between_preview_and_confirmation_saves_nothing(editor, figures):
    preview = upload(
        editor, HEADER + "bruto-arbeidsparticipatie;PV27;2026;71\nwerkloosheid;PV27;2026;4,1\n"
    )
    figures["participatie"].slug = "iets-anders"
    figures["participatie"].save()
    before = saved_figures()
    response = confirm(editor, preview)
    assert "er is niets opgeslagen" in page_text(response)
    assert "Regel 2: onbekende indicator" in page_text(response)
    assert saved_figures() == before


def test_a_demo_figure_is_replaced_by_the_real_one(editor, figures):
    observation(figures["werkloosheid"], figures["noord-holland"], 2026, "5.5", is_demo=True)
    preview = upload(editor, HEADER + "werkloosheid;PV27;2026;5,5\n")
    assert "0 nieuw, 1 gewijzigd" in page_text(preview)
    confirm(editor, preview)
    assert not Observation.objects.get(
        area=figures["noord-holland"], period_start__year=2026
    ).is_demo


def test_only_those_who_may_change_figures_see_and_use_the_upload(client, figures):
    before = saved_figures()
    moderator = logged_in(client, user_with_role(MODERATOR, "moderator"))
    assert denied(moderator.get(reverse("monitor_import")))
    assert denied(upload(moderator, HEADER + "werkloosheid;PV27;2026;4,1\n"))
    assert reverse("monitor_import") not in page_text(moderator.get(reverse("wagtailadmin_home")))
    assert saved_figures() == before
    client.logout()
    redacteur = logged_in(client, user_with_role(REDACTEUR, "redacteur"))
    home = redacteur.get(reverse("wagtailadmin_home"))
    assert reverse("monitor_import") in page_text(home)
