"""A Redacteur runs the site in the admin without a developer: changes and publishes
the banner, adds a sub-page with an image and finds it through the menu, adds an initiative
with a partner found by name, a partner with an uploaded logo, schedules a page and edits the
footer. Then a Moderator is refused the page editor.

axe runs on the public pages; Wagtail's own admin pages are not ours to fix.
"""

import datetime

from django.urls import reverse
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Page

from manifest.models import Initiative
from partners.models import Partner
from tests.browser.admin import log_in, log_out, publish, settle
from tests.images import png_bytes, png_upload
from tests.roles import MODERATOR, REDACTEUR, user_with_role
from website.models import HomePage

BANNER = "Samen aan de slag voor de techniek van 2030"
PHONE = "023 514 30 00"


def test_a_redacteur_runs_the_site(visit, page, live_server, tmp_path):
    user_with_role(REDACTEUR, "redacteur")
    get_image_model().objects.create(
        title="Werkplaats Techport",
        file=png_upload("werkplaats.png", size=(600, 300)),
        description="Leerlingen aan het werk in de werkplaats",
    )
    home = HomePage.objects.get()
    about = Page.objects.get(slug="over-het-manifest")
    log_in(page, live_server, "redacteur")

    # The banner: published at once, and the editor stays on the page.
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[home.pk]))
    page.get_by_role("textbox", name="Titel in de banner").fill(BANNER)
    expect(page.get_by_role("button", name="Stuur door naar Redactiecontrole")).to_have_count(0)
    publish(page)
    assert page.url.endswith(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    expect(page.get_by_text("Pagina 'Home' is gepubliceerd.")).to_be_visible()
    visit("/")
    expect(page.get_by_role("heading", name=BANNER)).to_be_visible()

    # A sub-page with an image, in the menu (ticked by default).
    page.goto(live_server.url + reverse("wagtailadmin_explore", args=[about.pk]))
    page.get_by_role("link", name="Voeg onderliggende pagina toe").click()
    page.locator("[name=title]").fill("Werkplaatsen")
    page.get_by_role("textbox", name="Inleiding").fill("Waar leerlingen het vak leren.")
    page.get_by_role("button", name="Blok invoegen").first.click()
    page.get_by_role("option", name="Afbeelding").click()
    page.get_by_role("button", name="Kies een afbeelding").first.click()
    page.locator(".modal").get_by_role("link", name="Werkplaats Techport").click()
    expect(page.get_by_text("Afbeelding uit de bibliotheek")).to_be_visible()
    publish(page)
    visit("/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Werkplaatsen")).to_be_hidden()
    menu.get_by_role("button", name="Onderdelen van Achtergrond").click()
    with page.expect_navigation():
        menu.get_by_role("link", name="Werkplaatsen").click()
    expect(page.get_by_role("heading", level=1, name="Werkplaatsen")).to_be_visible()
    expect(page.locator("main img[alt='Leerlingen aan het werk in de werkplaats']")).to_be_visible()

    # An initiative: the slug follows the title, a partner is found by name.
    page.goto(live_server.url + reverse("wagtailsnippets_manifest_initiative:add"))
    page.get_by_role("textbox", name="Titel").fill("Lasdag Zaanstad")
    page.get_by_role("textbox", name="Samenvatting").fill("Een dag lassen bij bedrijven.")
    expect(page.locator("[name=slug]")).to_have_value("lasdag-zaanstad")
    page.get_by_role("checkbox").first.check()
    partner = Partner.objects.live().order_by("name").first()
    page.get_by_role("searchbox", name="Deelnemende partners").fill(partner.name[:6])
    page.get_by_role("button", name=f"Voeg toe: {partner.name}").click()
    publish(page)
    initiative = Initiative.objects.get(slug="lasdag-zaanstad")
    assert initiative.live and list(initiative.partners.all()) == [partner]
    visit(initiative.get_absolute_url())
    expect(page.get_by_role("heading", level=1, name="Lasdag Zaanstad")).to_be_visible()

    # A partner with an uploaded logo.
    logo = tmp_path / "lasbedrijf-noord.png"
    logo.write_bytes(png_bytes(size=(400, 200), colour="#b3261e"))
    page.goto(live_server.url + reverse("wagtailsnippets_partners_partner:add"))
    page.get_by_role("textbox", name="Naam").fill("Lasbedrijf Noord")
    page.get_by_role("combobox", name="Soort").select_option(label="Bedrijf")
    page.get_by_role("button", name="Kies een afbeelding").click()
    chooser = page.locator(".modal")
    chooser.get_by_role("tab", name="Uploaden").click()
    chooser.locator("input[type=file]").set_input_files(str(logo))
    chooser.locator("[name=image-chooser-upload-title]").fill("Logo Lasbedrijf Noord")
    chooser.locator("[name=image-chooser-upload-description]").fill("Logo van Lasbedrijf Noord")
    chooser.get_by_role("button", name="Uploaden").click()
    expect(chooser).to_be_hidden()
    expect(page.locator("input[name=logo]")).not_to_have_value("")
    publish(page)
    lasbedrijf = Partner.objects.get(name="Lasbedrijf Noord")
    assert lasbedrijf.live and lasbedrijf.slug == "lasbedrijf-noord" and lasbedrijf.logo
    visit(lasbedrijf.get_absolute_url())
    expect(page.get_by_role("img", name="Logo van Lasbedrijf Noord")).to_be_visible()

    # Scheduling: the contact page's new text goes live on a set date, not now.
    contact = Page.objects.get(slug="contact").specific
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[contact.pk]))
    page.get_by_role("textbox", name="Inleiding").fill("Vanaf januari op een nieuw adres.")
    settle(page)
    page.get_by_role("button", name="Status").first.click()
    page.get_by_role("button", name="Stel schema in").click()
    go_live = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_role("textbox", name="Publiceer op").fill(f"{go_live.isoformat()} 09:00")
    # By keyboard: the date picker that opened over the dialog may still cover the button.
    page.get_by_role("button", name="Schema opslaan").press("Enter")
    publish(page, "Publicatie inplannen")
    scheduled = Page.objects.get(pk=contact.pk).scheduled_revision
    assert scheduled.approved_go_live_at.date() == go_live
    visit(contact.url)
    expect(page.get_by_text("Vanaf januari op een nieuw adres.")).to_have_count(0)

    # The footer: contact details in the site settings.
    page.goto(live_server.url + reverse("wagtailadmin_home"))
    page.get_by_role("button", name="Instellingen").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Site-instellingen").click()
    page.get_by_role("textbox", name="Telefoonnummer").fill(PHONE)
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    visit("/")
    expect(page.locator("footer").get_by_role("link", name=PHONE)).to_be_visible()

    # The guide is in the help menu, in Dutch, on this site.
    page.goto(live_server.url + reverse("wagtailadmin_home"))
    page.get_by_role("button", name="Help").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Handleiding", exact=True).click()
    expect(page.get_by_role("heading", name="2. Pagina's en het menu")).to_be_visible()


def test_a_moderator_is_refused_the_page_editor(page, live_server, site_data):
    user_with_role(MODERATOR, "moderator")
    log_in(page, live_server, "moderator")
    home = HomePage.objects.get()
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert page.url == live_server.url + reverse("wagtailadmin_home")
    expect(page.get_by_text("Sorry, u hebt geen toegang tot dit gedeelte.")).to_be_visible()
    expect(page.get_by_role("link", name="Pagina's")).to_have_count(0)
    log_out(page)
