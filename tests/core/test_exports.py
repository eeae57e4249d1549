"""Every spreadsheet the site writes is safe to open (issue 12, row 7); the registrations
export through the admin is tested in tests/events/test_registration_admin.py."""

import codecs
import csv
import io

import pytest
from wagtail.snippets.models import get_snippet_models

from core.exports import csv_response, neutralise
from core.viewsets import SafeSpreadsheetExportMixin


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
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [["Naam", "Plaats"], ["'=cmd|' /C calc'!A0", "Zaanstad é"]]


def test_every_snippet_listing_of_the_site_exports_safely():
    unsafe = [
        model._meta.label
        for model in get_snippet_models()
        if not issubclass(model.snippet_viewset.index_view_class, SafeSpreadsheetExportMixin)
    ]
    assert unsafe == []
