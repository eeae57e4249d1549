"""`import_cbs` against hand-written answers of CBS's OData API (tests/monitor/data/), served
by a real HTTP server on loopback with the small limits of website/settings/test.py. Bad
input changes nothing and is reported."""

import io
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from core import jobs
from core.models import Region
from core.remote import NOT_REACHABLE
from monitor.cbs import CbsError, import_table
from monitor.models import Area, AreaKind, Observation, PeriodKind
from tests.events.calendars import CalendarServer

from .figures import observation, saved_figures

DATA = Path(__file__).parent / "data"
ODATA = "/ODataApi/odata"


@pytest.fixture(scope="module")
def server():
    odata_server = CalendarServer()
    yield odata_server
    odata_server.stop()


@pytest.fixture
def cbs(server, figures, settings):
    """Serves the data files by path: /ODataApi/odata/85542NED/<name>; `files` swaps one."""
    Area.objects.get_or_create(
        region=Region.objects.get(slug="groot-amsterdam"),
        defaults={"kind": AreaKind.LABOUR_MARKET_REGION},
    )
    settings.CBS_ODATA_URL = server.url(ODATA)
    files = {
        "RegioS": "RegioS.json",
        "Perioden": "Perioden.json",
        "TypedDataSet": "TypedDataSet.json",
        "TypedDataSet?$format=json&$skiptoken=5": "TypedDataSet-2.json",
    }
    requested = []

    def answer(handler):
        requested.append(handler.path)
        name = handler.path.removeprefix(f"{ODATA}/85542NED/")
        name = name if name in files else name.split("?")[0]
        if name not in files:
            return handler.send_body(b"{}", status=404, content_type="application/json")
        text = (DATA / files[name]).read_text().replace("{BASE}", server.url(ODATA))
        handler.send_body(text.encode(), content_type="application/json")

    server.answer = answer
    server.files, server.requested = files, requested
    return server


def values():
    """The figures of the years of the data files (the initial and demo figures end before)."""
    figures = Observation.objects.filter(period_start__year__gte=2025)
    return {
        (
            obs.indicator.slug,
            obs.area.slug,
            obs.period_kind,
            obs.period_start.isoformat(),
        ): obs.value
        for obs in figures.select_related("indicator", "area")
    }


def test_a_table_is_read_over_its_answers_and_mapped_to_areas_and_indicators(cbs, figures):
    outcome = import_table("85542ned")

    assert outcome.summary() == (
        "CBS 85542NED: 14 nieuw, 0 gewijzigd, 0 ongewijzigd; "
        "3 rijen overgeslagen (andere gebieden of indeling)"
    )
    found = values()
    # By CBS code; people counted in thousands become people.
    assert found[("werkloosheid", "noord-holland", PeriodKind.YEAR, "2026-01-01")] == Decimal("3.8")
    assert found[
        ("potentiele-beroepsbevolking", "noord-holland", PeriodKind.YEAR, "2025-01-01")
    ] == (Decimal("2236000"))
    assert found[("werkloosheid", "nederland", PeriodKind.YEAR, "2026-01-01")] == Decimal("3.6")
    # By the title of a region without a code: "Groot Amsterdam (AM)", a quarter.
    assert found[("werkloosheid", "groot-amsterdam", PeriodKind.QUARTER, "2026-10-01")] == (
        Decimal("4.2")
    )
    # No figure (null) is no observation; Zuid-Holland, Amsterdam and the men are skipped.
    assert ("werkloosheid", "zaanstreek-waterland", PeriodKind.YEAR, "2026-01-01") not in found
    assert {area for _, area, _, _ in found} == {
        "nederland",
        "noord-holland",
        "zaanstreek-waterland",
        "groot-amsterdam",
    }
    source = Observation.objects.get(
        area__slug="noord-holland", indicator__slug="werkloosheid", period_start__year=2026
    ).source
    assert source.startswith("CBS StatLine, tabel 85542NED")
    data_request = next(path for path in cbs.requested if "TypedDataSet" in path)
    assert "$filter=Geslacht%20eq%20%27T001038%27" in data_request

    again = import_table("85542NED")
    assert again.summary().startswith("CBS 85542NED: 0 nieuw, 0 gewijzigd, 14 ongewijzigd")


def test_bad_rows_are_all_reported_and_nothing_is_written(cbs, figures):
    observation(figures["werkloosheid"], figures["noord-holland"], 2026, "9.9")
    cbs.files["TypedDataSet"] = "TypedDataSet-bad.json"
    before = saved_figures()

    with pytest.raises(CbsError) as refused:
        import_table("85542NED")

    assert refused.value.messages == [
        "Regel 2: onbekende gebiedscode “PV99”.",
        "Regel 4: periode “2024JJ00” staat niet in de tabel.",
        "Regel 5: “72,5” in kolom BrutoArbeidsparticipatie_2 is geen getal.",
        "Regel 5: “n.v.t.” in kolom Werkloosheidspercentage_12 is geen getal.",
        "Regel 3: de periode ontbreekt.",
    ]
    assert saved_figures() == before


def test_the_command_reports_in_dutch_and_fails_without_writing(cbs):
    cbs.files["TypedDataSet"] = "TypedDataSet-bad.json"
    before = saved_figures()
    with pytest.raises(CommandError) as failed:
        call_command("import_cbs", "85542NED", stdout=io.StringIO())
    assert "CBS 85542NED: niets ingelezen." in str(failed.value)
    assert "onbekende gebiedscode “PV99”" in str(failed.value)
    assert saved_figures() == before

    out = io.StringIO()
    cbs.files["TypedDataSet"] = "TypedDataSet.json"
    call_command("import_cbs", "85542NED", "--filter", "Perioden eq '2026JJ00'", stdout=out)
    assert out.getvalue().startswith("CBS 85542NED: 14 nieuw")
    assert cbs.requested[-2].endswith("$filter=Perioden%20eq%20%272026JJ00%27")


def test_an_unsupported_table_or_a_missing_column_is_refused(cbs):
    before = saved_figures()
    with pytest.raises(CbsError, match="Tabel 12345NED wordt niet ondersteund; wel: 85542NED."):
        import_table("12345NED")
    cbs.files["TypedDataSet"] = "Perioden.json"  # rows, but not of this table
    with pytest.raises(CbsError, match="mist de kolom"):
        import_table("85542NED")
    assert saved_figures() == before


def huge(handler):
    """50 MB announced and sent in chunks, as long as the client reads."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(50 * 1024 * 1024))
    handler.end_headers()
    chunk = b" " * (64 * 1024)
    try:
        for _ in range(800):
            handler.wfile.write(chunk)
            handler.server.sent = getattr(handler.server, "sent", 0) + len(chunk)
    except OSError:
        pass


def huge_unannounced(handler):
    handler.send_response(200)
    handler.end_headers()  # no length: the reader has to count
    try:
        for _ in range(800):
            handler.wfile.write(b" " * (64 * 1024))
    except OSError:
        pass


def slow(handler):
    time.sleep(0.7)
    handler.send_body(b'{"value": []}', content_type="application/json")


def trickle(handler):
    handler.send_response(200)
    handler.end_headers()
    try:
        for _ in range(30):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass


HOSTILE = {
    "50 MB announced": (huge, "groter dan 256 kB"),
    "50 MB unannounced": (huge_unannounced, "groter dan 256 kB"),
    "slow": (slow, "te traag"),
    "trickle": (trickle, "te traag"),
    "not JSON": (lambda h: h.send_body(b"<html>Storing</html>"), "geen geldige JSON"),
    "not OData": (lambda h: h.send_body(b'{"rows": []}'), "geen lijst “value”"),
    "not found": (lambda h: h.send_body(b"", status=404), "status 404"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_or_broken_server_changes_nothing_and_says_why(cbs, figures, case):
    observation(figures["werkloosheid"], figures["noord-holland"], 2026, "9.9")
    before = saved_figures()
    answer, reason = HOSTILE[case]
    cbs.answer = answer
    started = time.monotonic()

    with pytest.raises(CbsError) as refused:
        import_table("85542NED")

    assert reason in str(refused.value)
    assert time.monotonic() - started < 3
    assert saved_figures() == before
    if case == "50 MB announced":
        # Refused on its announced length: far less than the whole was ever sent.
        assert getattr(cbs.httpd, "sent", 0) < 5 * 1024 * 1024


def test_a_next_link_to_another_server_is_not_followed(cbs):
    cbs.files["TypedDataSet"] = "TypedDataSet.json"
    original = cbs.answer

    def elsewhere(handler):
        if "TypedDataSet" in handler.path:
            body = (
                (DATA / "TypedDataSet.json")
                .read_text()
                .replace("{BASE}", "http://198.51.100.7/odata")
            )
            return handler.send_body(body.encode(), content_type="application/json")
        return original(handler)

    cbs.answer = elsewhere
    before = saved_figures()
    with pytest.raises(CbsError, match="naar een ander adres"):
        import_table("85542NED")
    assert saved_figures() == before


def test_a_private_address_is_refused_outside_the_tests(cbs):
    with (
        override_settings(CBS_IMPORT_ALLOW_PRIVATE_ADDRESSES=False),
        pytest.raises(CbsError) as refused,
    ):
        import_table("85542NED")
    assert str(refused.value) == NOT_REACHABLE
    assert cbs.requested == []


def test_the_import_runs_monthly_as_a_scheduled_job(cbs, settings):
    [job] = [job for job in jobs.all_jobs() if job.name == "import_cbs"]
    assert job.interval == jobs.MONTHLY
    assert jobs.run_job(job).message == "No CBS tables to import (CBS_IMPORT_TABLES is empty)."
    settings.CBS_IMPORT_TABLES = ["85542NED"]

    outcome = jobs.run_job(job, force=True)

    assert outcome.state == "ran"
    assert outcome.message.startswith("CBS 85542NED: 14 nieuw")
    cbs.files["TypedDataSet"] = "TypedDataSet-bad.json"
    failed = jobs.run_job(job, force=True)
    assert failed.state == "failed" and "onbekende gebiedscode" in failed.message
