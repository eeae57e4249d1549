"""The signatory wall on the province's project page: a visitor copies the code by keyboard, the
wall loads in a frame on the allowed origin (a page Playwright serves as
https://www.noord-holland.nl), its logos open in a new tab, and another site's frame is refused."""

import re

from playwright.sync_api import expect

from manifest.models import ManifestPage
from tests.browser.conftest import assert_accessible

PROVINCE = "https://www.noord-holland.nl"
ELSEWHERE = "https://elders.example.org"
HOST_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Projectpagina</title></head>
<body><main><h1>Werken en ontwikkelen</h1>{iframe}</main></body></html>"""


def serve_host_page(page, origin, iframe):
    """`origin` answers with a page that frames the wall, as the province's site will. The
    test's server is on loopback: Chromium lets a public site reach it only with the "local
    network access" permission, which a visitor of the real wall never needs."""
    page.context.grant_permissions(["local-network-access"], origin=origin)
    page.route(
        f"{origin}/**",
        lambda route: route.fulfill(content_type="text/html", body=HOST_PAGE.format(iframe=iframe)),
    )


def test_the_wall_is_copied_shown_on_the_province_site_and_refused_elsewhere(
    visit, page, browser, live_server
):
    manifest = ManifestPage.objects.live().get()
    wall = visit(manifest.url + manifest.reverse_subpage("signatories"))
    embed_url = live_server.url + manifest.url + manifest.reverse_subpage("signatories_embed")

    # The code, copied with the keyboard; the preview shows the wall.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    code = wall.get_by_label("HTML-code om in te voegen")
    code.focus()
    page.keyboard.press("Tab")
    expect(wall.get_by_role("button", name="Code kopiëren")).to_be_focused()
    page.keyboard.press("Enter")
    expect(wall.get_by_role("status").filter(has_text="gekopieerd")).to_have_text(
        "De code is gekopieerd."
    )
    iframe = page.evaluate("navigator.clipboard.readText()")
    assert iframe == code.input_value() and f'src="{embed_url}"' in iframe
    preview = wall.frame_locator("iframe[title^='Ondertekenaars van het Manifest']")
    wall.locator(".wall-embed-code__preview").scroll_into_view_if_needed()
    expect(preview.locator(".signatory-wall__item").first).to_be_visible()

    # On the province's page the wall loads, and a logo opens the signatory's site in a tab.
    serve_host_page(page, PROVINCE, iframe)
    page.context.route(
        re.compile(r"https://[\w-]+\.example\.nl/.*"),
        lambda route: route.fulfill(content_type="text/html", body="<title>Ondertekenaar</title>"),
    )
    page.goto(f"{PROVINCE}/werken-en-ontwikkelen/")
    framed = page.frame_locator("iframe")
    expect(framed.get_by_role("heading", level=1)).to_have_text(re.compile("^Ondertekenaars"))
    logos = framed.get_by_role("link", name=re.compile(r"opent in een nieuw tabblad\)$"))
    expect(logos.first).to_be_visible()
    assert_accessible(page)
    with page.expect_popup() as popup:
        logos.first.click()
    assert re.match(r"https://[\w-]+\.example\.nl/", popup.value.url)
    assert popup.value.evaluate("window.opener") is None  # rel="noopener"
    assert page.url == f"{PROVINCE}/werken-en-ontwikkelen/"  # the province's page stays

    # Another site's frame is refused. Chromium says so on the console, which the `page`
    # fixture counts as a failure: this visit gets a context of its own.
    elsewhere = browser.new_context(locale="nl-NL")
    try:
        other = elsewhere.new_page()
        serve_host_page(other, ELSEWHERE, iframe)
        with other.expect_console_message(
            lambda message: "frame-ancestors" in message.text, timeout=10_000
        ):
            other.goto(f"{ELSEWHERE}/onze-partners/")
        expect(other.frame_locator("iframe").locator(".signatory-wall")).to_have_count(0)
    finally:
        elsewhere.close()
