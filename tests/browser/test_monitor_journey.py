from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def test_a_region_finds_its_figures_compares_and_downloads_them(visit, page):
    page.set_viewport_size(PHONE)
    visit("/arbeidsmarkt/groot-amsterdam/")
    expect(page.locator("h1")).to_have_text("Groot-Amsterdam in cijfers")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The chart is an image with a name; its figures are a table one click away.
    chart = page.locator("#grafiek-groot-amsterdam-werkloosheid-kwartaal")
    expect(
        chart.get_by_role("img", name="Werkloosheid per kwartaal, % (demogegevens)")
    ).to_be_visible()
    expect(chart.locator(".demo-label")).to_have_text("Demogegevens")
    chart.get_by_text("Tabel met de cijfers").click()
    expect(chart.get_by_role("table")).to_be_visible()
    expect(chart.get_by_role("row")).to_have_count(25)  # the header and 24 quarters

    with page.expect_download() as download:
        chart.get_by_role("link", name="Download deze cijfers (CSV)").click()
    assert download.value.suggested_filename == "groot-amsterdam-werkloosheid-kwartaal.csv"
    lines = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("indicator;gebied;periode") and len(lines) == 1 + 3 * 24

    page.set_viewport_size(DESKTOP)
    page.get_by_label("Vergelijken met").select_option(label="Gooi en Vechtstreek")
    page.get_by_role("button", name="Vergelijken").click()
    expect(page.locator("h1")).to_have_text("Groot-Amsterdam en Gooi en Vechtstreek vergeleken")
    expect(page.get_by_role("table", name="Laatste cijfers naast elkaar")).to_be_visible()
    # Side by side on a wide screen.
    left, right = (column.bounding_box() for column in page.locator(".monitor-column").all())
    assert left["y"] == right["y"] and left["x"] < right["x"]
    assert_accessible(page)
