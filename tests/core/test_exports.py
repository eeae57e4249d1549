"""Every spreadsheet the site writes is safe to open (no cell is read as a formula), Wagtail's
reports included; the registrations export is tested in tests/events/test_registration_admin.py."""

import codecs
import csv
import io

import pytest
from django.urls import resolve, reverse
from wagtail.snippets.models import get_snippet_models

from core.exports import FORMULA_PREFIXES, csv_response, neutralise
from core.viewsets import SafeSpreadsheetExportMixin
from tests.core.conftest import sign


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+31 20 123 4567", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"],
)
def test_text_that_could_start_a_formula_gets_a_quote(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["De Regenboog", "groep 7 = groep 8", "", 26, -3, None])
def test_other_values_stay_as_they_are(value):
    assert neutralise(value) == value


def test_a_csv_download_is_utf8_with_a_bom_and_neutral_cells():
    response = csv_response("lijst", [["Naam", "Plaats"], ["=cmd|' /C calc'!A0", "Zaanstad é"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lijst.csv"'
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Naam", "Plaats"], ["'=cmd|' /C calc'!A0", "Zaanstad é"]]


def test_every_snippet_listing_of_the_site_exports_safely():
    unsafe = [
        model._meta.label
        for model in get_snippet_models()
        if not issubclass(model.snippet_viewset.index_view_class, SafeSpreadsheetExportMixin)
    ]
    assert unsafe == []


REPORTS = ["site_history", "aging_pages", "locked_pages", "page_types_usage", "workflow"]


@pytest.mark.parametrize("report", REPORTS)
def test_wagtails_reports_are_served_with_safe_downloads_to_staff_only(report, client):
    for name in [report, f"{report}_results"]:
        url = reverse(f"wagtailadmin_reports:{name}")
        assert issubclass(resolve(url).func.view_class, SafeSpreadsheetExportMixin)
        response = client.get(url, {"export": "csv"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_site_history_download_writes_no_formula_a_visitor_typed(public, admin_client):
    organisation = '=HYPERLINK("https://kwaad.example/","Klik")'
    signature = sign(public, organisation, website="https://kwaad.example.nl/")
    resend = reverse("wagtailsnippets_manifest_signature:resend", args=[signature.pk])
    assert admin_client.post(resend).status_code == 302
    response = admin_client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert f"'{organisation} (niet bevestigd)" in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]
