"""A Redacteur registers a campus calendar in the admin; after the hourly import they read its
report there."""

import io

from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from campuses.models import CampusPage
from events.models import CampusCalendar, EventPage
from tests.browser.admin import log_in
from tests.browser.conftest import assert_accessible
from tests.events.calendars import CalendarServer, ics, open_day, vevent
from tests.roles import REDACTEUR, user_with_role


def test_a_redacteur_registers_a_campus_calendar_and_reads_the_import_report(
    site_data, page, live_server
):
    server = CalendarServer()
    server.serve(ics(open_day(), vevent("x@campus", "Zonder einde", end=False)))
    campus = CampusPage.objects.order_by("title").first()
    user_with_role(REDACTEUR, "redacteur")
    try:
        log_in(page, live_server, "redacteur")
        with page.expect_navigation():
            page.get_by_role("link", name="Campusagenda's").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Campusagenda toevoegen").first.click()
        assert_accessible(page)
        page.get_by_role("combobox", name="Campus").select_option(label=campus.title)
        page.get_by_role("textbox", name="Adres van de agenda (iCalendar)").fill(server.url())
        with page.expect_navigation():
            page.get_by_role("button", name="Opslaan").click()
        calendar = CampusCalendar.objects.get(campus=campus)
        assert calendar.active

        call_command("import_calendars", stdout=io.StringIO())  # the hourly run

        page.reload()
        expect(page.get_by_text("1 nieuw, 0 bijgewerkt, 0 geannuleerd")).to_be_visible()
        assert_accessible(page)
        page.goto(
            live_server.url
            + reverse("wagtailsnippets_events_campuscalendar:inspect", args=[calendar.pk])
        )
        expect(page.get_by_text("x@campus: de eindtijd ontbreekt")).to_be_visible()
        assert_accessible(page)
        assert not EventPage.objects.get(title="Open dag techniek").live
    finally:
        server.stop()
