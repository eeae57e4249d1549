import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from manifest.models import Signature
from tests.browser.admin import log_in
from tests.browser.conftest import assert_accessible
from tests.images import png_bytes
from tests.mails import link_path
from tests.roles import MODERATOR, user_with_role


def test_an_organisation_signs_confirms_and_appears_on_the_wall_after_approval(
    visit, page, live_server
):
    mail.outbox.clear()
    visit("/manifest/")
    page.get_by_role("link", name="Onderteken het manifest").first.click()
    expect(page.locator("h1")).to_have_text("Onderteken het manifest")
    assert_accessible(page)

    page.get_by_label("Naam van uw organisatie").fill("Golfslag Robotica")
    page.get_by_label("Soort organisatie").select_option("bedrijfsleven")
    page.get_by_label("Regio").select_option(label="Zaanstreek/Waterland")
    page.get_by_label("Website van uw organisatie").fill("https://golfslag-robotica.example.nl/")
    page.get_by_label("Logo").set_input_files(
        {"name": "golfslag.png", "mimeType": "image/png", "buffer": png_bytes(colour="#b3261e")}
    )
    page.get_by_label("Uw naam").fill("Fatima el Amrani")
    page.get_by_label("Uw functie").fill("Directeur")
    page.get_by_label("Waarom wij tekenen").fill("Robotica maakt techniek zichtbaar voor kinderen.")
    page.get_by_label("Uw e-mailadres").fill("fatima@golfslag-robotica.example.nl")
    page.get_by_label("Ik heb de privacyverklaring gelezen").check()
    page.get_by_role("button", name="Onderteken het manifest").click()
    expect(page.locator("h1")).to_have_text("Bedankt! Bevestig nog uw e-mailadres")
    assert_accessible(page)

    [message] = [m for m in mail.outbox if "fatima@golfslag-robotica.example.nl" in m.to]
    page.goto(live_server.url + link_path(message, "/manifest/ondertekenen/bevestigen/"))
    assert_accessible(page)
    page.get_by_role("button", name="Ja, ik bevestig de ondertekening").click()
    expect(page.locator("h1")).to_have_text("Uw ondertekening is bevestigd")
    assert_accessible(page)

    page.goto(live_server.url + "/manifest/ondertekenaars/")
    expect(page.get_by_role("link", name=re.compile("Golfslag Robotica"))).to_have_count(0)

    user_with_role(MODERATOR, "moderator")
    log_in(page, live_server, "moderator")
    # The dashboard panel links to the queue of confirmed signatures.
    with page.expect_navigation():
        page.get_by_role("link", name="Ondertekeningen").first.click()
    row = page.get_by_role("row").filter(has_text="Golfslag Robotica")
    expect(row).to_be_visible()
    signature = Signature.objects.get(organisation_name="Golfslag Robotica")
    approve = reverse("wagtailsnippets_manifest_signature:approve", args=[signature.pk])
    page.goto(live_server.url + approve)
    page.get_by_role("button", name="Ja, goedkeuren").click()
    signature.refresh_from_db()
    assert signature.state == "approved"
    assert any("goedgekeurd" in m.subject for m in mail.outbox)

    visit("/manifest/ondertekenaars/")
    logo_link = page.get_by_role("link", name=re.compile("Golfslag Robotica"))
    expect(logo_link).to_have_attribute("href", "https://golfslag-robotica.example.nl/")
    expect(logo_link).to_have_attribute("rel", "noopener")
    expect(logo_link.get_by_role("img", name="Golfslag Robotica")).to_be_visible()


VIEWPORTS = [
    pytest.param({"width": 390, "height": 844}, id="phone"),
    pytest.param({"width": 1280, "height": 900}, id="desktop"),
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_form_says_what_signing_means_fits_the_screen_and_asks_for_the_logo_again(
    visit, page, viewport
):
    page.set_viewport_size(viewport)
    visit("/manifest/ondertekenen/")
    commitment = page.get_by_role("region", name="Wat ondertekenen inhoudt")
    expect(commitment).to_contain_text("onderschrijft")
    first_fieldset = page.locator("form.signature-form fieldset").first
    assert commitment.bounding_box()["y"] < first_fieldset.bounding_box()["y"]
    box = first_fieldset.bounding_box()
    assert box["x"] + box["width"] <= viewport["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # A telephone field looks like the other text fields.
    styles = page.evaluate(
        """() => {
            const field = document.querySelector(".form-field");
            const tel = document.createElement("input");
            tel.type = "tel";
            field.append(tel);
            const email = document.querySelector("input[type=email]");
            const style = (element) => {
                const computed = getComputedStyle(element);
                return [computed.minHeight, computed.borderTopLeftRadius, computed.width];
            };
            return [style(tel), style(email)];
        }"""
    )
    assert styles[0] == styles[1]
    assert styles[0][:2] == ["44px", "4px"]

    page.get_by_label("Naam van uw organisatie").fill("Hoorn Techniek")
    page.get_by_label("Soort organisatie").select_option(label="Bedrijf")
    page.get_by_label("Website van uw organisatie").fill("www.hoorntechniek.nl")
    logo = {"name": "hoorn.png", "mimeType": "image/png", "buffer": png_bytes(colour="#1f4e79")}
    page.get_by_label("Logo").set_input_files(logo)
    page.get_by_label("Uw naam").fill("Sanne de Boer")
    page.get_by_label("Uw e-mailadres").fill("sanne@hoorntechniek.example.nl")
    page.get_by_role("button", name="Onderteken het manifest").click()
    # Consent was forgotten: the browser dropped the file, and the field says so.
    expect(page.locator("#id_logo_helptext")).to_contain_text("Kies uw logo opnieuw")
    assert_accessible(page)
    page.get_by_label("Logo").set_input_files(logo)
    page.get_by_label("Ik heb de privacyverklaring gelezen").check()
    page.get_by_role("button", name="Onderteken het manifest").click()
    expect(page.locator("h1")).to_have_text("Bedankt! Bevestig nog uw e-mailadres")
    signature = Signature.objects.get(organisation_name="Hoorn Techniek")
    assert signature.website == "https://www.hoorntechniek.nl"
