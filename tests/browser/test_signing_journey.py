import re

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from manifest.models import Signature
from tests.browser.conftest import assert_accessible
from tests.images import png_bytes


def make_moderator(django_user_model):
    moderator = django_user_model.objects.create_user(
        "moderator", password="Moderator-wachtwoord-1"
    )
    moderator.groups.add(Group.objects.get(name="Moderator"))
    return moderator


def test_an_organisation_signs_confirms_and_appears_on_the_wall_after_approval(
    visit, page, live_server, django_user_model
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
    link = re.search(r"https?://\S+/manifest/ondertekenen/bevestigen/\S+/", message.body).group(0)
    page.goto(live_server.url + link[link.index("/manifest/") :])
    assert_accessible(page)
    page.get_by_role("button", name="Ja, ik bevestig de ondertekening").click()
    expect(page.locator("h1")).to_have_text("Uw ondertekening is bevestigd")
    assert_accessible(page)

    page.goto(live_server.url + "/manifest/ondertekenaars/")
    expect(page.get_by_role("link", name=re.compile("Golfslag Robotica"))).to_have_count(0)

    make_moderator(django_user_model)
    page.goto(live_server.url + "/admin/login/")
    page.locator("input[name=username]").fill("moderator")
    page.locator("input[name=password]").fill("Moderator-wachtwoord-1")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
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
