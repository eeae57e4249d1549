"""A Redacteur reads figures from a CSV file into Arbeidsmarkt in cijfers: a file with a bad
row is refused with the row named; the corrected file is previewed, then saved."""

from playwright.sync_api import expect

from monitor.models import Area, Observation
from tests.browser.admin import log_in
from tests.browser.conftest import assert_accessible
from tests.roles import REDACTEUR, user_with_role

HEADER = "indicator;gebied;periode;waarde;bron\n"


def csv_file(*rows):
    return {
        "name": "cijfers.csv",
        "mimeType": "text/csv",
        "buffer": (HEADER + "".join(f"{row}\n" for row in rows)).encode(),
    }


def test_a_redacteur_uploads_previews_and_saves_figures(site_data, page, live_server):
    user_with_role(REDACTEUR, "redacteur")
    province = Area.objects.get(slug="noord-holland")
    before = Observation.objects.count()
    log_in(page, live_server, "redacteur")
    with page.expect_navigation():
        page.get_by_role("link", name="Cijfers inlezen").click()

    upload = page.get_by_label("CSV-bestand")
    upload.set_input_files(
        csv_file("werkloosheid;noord-holland;2031;3,4;", "werkloosheid;PV27;2032;vier;")
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Regel 3: waarde “vier” is geen getal", exact=False)).to_be_visible()
    assert_accessible(page)
    assert Observation.objects.count() == before

    page.get_by_label("CSV-bestand").set_input_files(
        csv_file("werkloosheid;noord-holland;2031;3,4;", "werkloosheid;PV27;2032;3,1;Eigen telling")
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("2 regels, 2 nieuw, 0 gewijzigd, 0 ongewijzigd")).to_be_visible()
    assert_accessible(page)
    assert Observation.objects.count() == before

    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Cijfers opgeslagen: 2 nieuw")).to_be_visible()
    saved = Observation.objects.get(area=province, period_start__year=2032)
    assert (str(saved.value), saved.source, saved.is_demo) == ("3.1000", "Eigen telling", False)
