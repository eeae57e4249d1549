"""A Redacteur types dates the Dutch way in every form of the admin that has them: an event
on two dates (10-02-2027, then 1-3-2027 after 31-02-2027 is refused in Dutch) that was moved
from 2027-01-20, an action target's measuring date, an initiative's start (picked in the date
picker) and end. What is typed stays as typed when the field loses focus (the picker used to
put today's date in its place), and is stored as meant. The account page loads without a
script error.

Wagtail's own admin pages are not ours to fix, so no axe here."""

import datetime
import re

from django.contrib.admin.utils import quote
from django.urls import reverse
from playwright.sync_api import expect

from events.models import EventIndexPage, EventPage
from manifest.models import ActionTarget, Initiative
from tests.browser.admin import add_inline_form, log_in
from tests.roles import REDACTEUR, user_with_role

REFUSED = "Deze datum bestaat niet of is niet te lezen. Vul hem in als dd-mm-jjjj"


def type_date(field, text):
    """Type, leave the field (where the picker used to put today's date) and see it kept."""
    field.fill(text)
    field.press("Tab")
    expect(field).to_have_value(text)


def save_draft(page):
    # Wagtail's save shortcut: a date picker that opened on the next field may cover the
    # buttons, and for a Redacteur "Bewaar concept" sits under the main button's menu.
    page.keyboard.press("ControlOrMeta+s")


def test_a_redacteur_types_dates_the_dutch_way(page, live_server, site_data):
    user_with_role(REDACTEUR, "redacteur")
    agenda = EventIndexPage.objects.get()
    target = ActionTarget.objects.order_by("pk").first()
    initiative = Initiative.objects.order_by("pk").first()
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    # Wagtail's autosave answers 400 while a date cannot be read, and says so: not a script error.
    page.on(
        "console",
        lambda message: (
            script_errors.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    log_in(page, live_server, "redacteur")

    # The account page: Wagtail offered the browser a time zone called "localtime".
    page.goto(live_server.url + reverse("wagtailadmin_account"))
    expect(page.get_by_role("button", name="Opslaan")).to_be_visible()
    assert script_errors == []

    # An event on two dates, moved from another date.
    page.goto(
        live_server.url + reverse("wagtailadmin_pages:add", args=["events", "eventpage", agenda.pk])
    )
    page.locator("#id_title").fill("PET Medemblik")
    page.locator("#id_kind").select_option("pet")
    page.locator("#id_summary").fill("Groep 7 en 8 bouwen aan een gemaal.")
    page.locator("#id_location_name").fill("Gemaal Lely")
    page.locator("#id_status").select_option("verplaatst")
    first = page.locator("input[name='sessions-0-date']")
    expect(first).to_have_attribute("placeholder", "dd-mm-jjjj")
    type_date(first, "10-02-2027")
    type_date(page.locator("input[name='sessions-0-start_time']"), "9:30")
    type_date(page.locator("input[name='sessions-0-end_time']"), "14:30")
    add_inline_form(page, "sessions")
    second = page.locator("input[name='sessions-1-date']")
    type_date(second, "31-02-2027")
    type_date(page.locator("input[name='sessions-1-start_time']"), "13:00")
    type_date(page.locator("input[name='sessions-1-end_time']"), "15:30")
    type_date(page.locator("#id_original_date"), "2027-01-20")
    save_draft(page)
    expect(page.get_by_text(REFUSED)).to_be_visible()
    assert not EventPage.objects.filter(title="PET Medemblik").exists()
    expect(first).to_have_value("10-02-2027")
    second.fill("")
    type_date(second, "1-3-2027")
    save_draft(page)
    expect(page.get_by_text("Pagina 'PET Medemblik' is aangemaakt.")).to_be_visible()
    pet = EventPage.objects.get(title="PET Medemblik")
    assert pet.original_date == datetime.date(2027, 1, 20)
    assert [
        (session.date, session.start_time, session.end_time)
        for session in pet.sessions.order_by("date")
    ] == [
        (datetime.date(2027, 2, 10), datetime.time(9, 30), datetime.time(14, 30)),
        (datetime.date(2027, 3, 1), datetime.time(13), datetime.time(15, 30)),
    ]
    # The editor shows the stored dates the same way.
    expect(first).to_have_value("10-02-2027")

    # An action target's measuring date.
    page.goto(
        live_server.url
        + reverse("wagtailsnippets_manifest_manifestaction:edit", args=[quote(target.action_id)])
    )
    measured = page.locator(f"input[name='targets-{target.sort_order}-progress_measured_on']")
    measured.fill("")
    type_date(measured, "15-01-2027")
    page.get_by_role("button", name="Opslaan").first.press("Enter")
    expect(page.locator(".messages")).to_be_visible()
    target.refresh_from_db()
    assert target.progress_measured_on == datetime.date(2027, 1, 15)

    # An initiative: its start picked in the picker, which writes dd-mm-jjjj too.
    page.goto(
        live_server.url
        + reverse("wagtailsnippets_manifest_initiative:edit", args=[quote(initiative.pk)])
    )
    start = page.locator("#id_start_date")
    start.fill("")  # the field has focus: its picker opens
    page.locator(
        ".xdsoft_datetimepicker:visible .xdsoft_date:not(.xdsoft_other_month)[data-date='15']"
    ).click()
    expect(start).to_have_value(re.compile(r"^15-\d\d-\d{4}$"))
    picked = datetime.datetime.strptime(start.input_value(), "%d-%m-%Y").date()
    end = page.locator("#id_end_date")
    end.fill("")
    type_date(end, "30-6-2030")
    save_draft(page)
    expect(page.locator(".messages")).to_be_visible()
    draft = Initiative.objects.get(pk=initiative.pk).get_latest_revision_as_object()
    assert (draft.start_date, draft.end_date) == (picked, datetime.date(2030, 6, 30))

    assert script_errors == []
