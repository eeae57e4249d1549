import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from alerts.models import Frequency, Subscription
from events.models import EventIndexPage
from tests.browser.conftest import assert_accessible
from tests.mails import link_path

WINDOWS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def assert_no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("window", WINDOWS)
def test_a_teacher_follows_a_selection_of_the_agenda_and_confirms(visit, page, live_server, window):
    page.set_viewport_size(WINDOWS[window])
    mail.outbox.clear()
    agenda = EventIndexPage.objects.live().get()
    visit(agenda.url + "?soort=pet&regio=zaanstreek-waterland")
    form = page.locator("section.alert-follow")
    expect(form).to_contain_text("deze selectie uit de agenda")
    form.get_by_label("Uw e-mailadres").fill("juf.annemiek@obs-dekolk.example.nl")
    form.get_by_label("Dagelijks").check()
    form.get_by_label("Ik ga akkoord").check()
    form.get_by_role("button", name="Volg deze selectie").click()
    expect(page.locator("h1")).to_have_text("Bevestig uw e-mailadres")
    assert_accessible(page)
    assert not Subscription.objects.get().is_confirmed

    # Back to the agenda, with the same selection.
    page.get_by_role("link", name="Terug naar de agenda").click()
    expect(page).to_have_url(re.compile(r"\?soort=pet&regio=zaanstreek-waterland$"))
    expect(page.locator("section.alert-follow")).to_contain_text("deze selectie uit de agenda")

    [message] = mail.outbox
    visit(link_path(message, "/meldingen/bevestigen/"))
    # The link says what is followed, before anything is confirmed.
    expect(page.locator("main")).to_contain_text("regio Zaanstreek/Waterland")
    page.get_by_role("button", name="Ja, stuur mij meldingen").click()
    expect(page.locator("h1")).to_have_text("Uw melding is bevestigd")
    assert_accessible(page)
    assert Subscription.objects.get().is_confirmed

    page.get_by_role("link", name="Bekijk en beheer uw meldingen").click()
    expect(page.locator("h1")).to_have_text("Mijn meldingen")
    alert = page.locator(".alert-list li")
    expect(alert).to_contain_text("regio Zaanstreek/Waterland")
    assert_accessible(page)
    assert_no_sideways_scrolling(page)

    # From daily to weekly.
    alert.get_by_label("Wekelijks").check()
    alert.get_by_role("button", name="Wijzig hoe vaak").click()
    expect(page.get_by_role("status")).to_contain_text("voortaan wekelijks")
    expect(page.locator(".alert-list li").get_by_label("Wekelijks")).to_be_checked()
    assert_accessible(page)
    assert_no_sideways_scrolling(page)
    assert Subscription.objects.get().frequency == Frequency.WEEKLY
