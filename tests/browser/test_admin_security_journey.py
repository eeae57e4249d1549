"""A superuser's first log-in with two-factor login required: set up the authenticator app,
then edit, preview and publish a page, all under the admin's Content-Security-Policy (the
`page` fixture fails the test on anything the policy blocks)."""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.admin import publish
from tests.roles import PASSWORD
from website.models import StandardPage

NEW_INTRO = "Wat het manifest wil bereiken, in het kort en voor iedereen leesbaar."


def app_code(user):
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_a_superuser_sets_up_two_factor_login_and_publishes_a_page(
    page, visit, live_server, django_user_model, settings
):
    settings.REQUIRE_2FA = True
    user = django_user_model.objects.create_superuser("hoofdredactie", password=PASSWORD)
    standard_page = StandardPage.objects.live().first()
    edit_url = live_server.url + reverse("wagtailadmin_pages:edit", args=[standard_page.pk])

    page.goto(edit_url)
    page.locator("input[name=username]").fill("hoofdredactie")
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()

    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    page.get_by_role("textbox", name="Code").fill(app_code(user))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Tweestapsverificatie is ingesteld")).to_be_visible()
    expect(page.locator(".two-factor-codes li")).to_have_count(10)
    page.get_by_role("link", name="Verder naar het beheer").click()

    expect(page).to_have_url(edit_url)
    page.get_by_role("textbox", name="Inleiding").fill(NEW_INTRO)
    page.get_by_role("button", name="Toon/verberg voorvertoning").click()
    preview = page.frame_locator("iframe[title]").first
    expect(preview.get_by_text(NEW_INTRO)).to_be_visible()
    publish(page)
    expect(page.get_by_text(f"Pagina '{standard_page.title}' is gepubliceerd.")).to_be_visible()

    visit(standard_page.url)
    expect(page.get_by_text(NEW_INTRO)).to_be_visible()
