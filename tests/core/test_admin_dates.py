"""Dates in the admin are typed the Dutch way (core/dates.py and the WAGTAIL_*_FORMAT settings):
every accepted spelling is stored as meant, what cannot be read is refused with a Dutch message
and never becomes another date, and every date field says what to type."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, rich_text

from events.models import EventIndexPage, EventPage
from manifest.models import Initiative
from tests.admin_forms import event_form

FEBRUARY_10 = datetime.date(2027, 2, 10)
REFUSED_DATE = (
    "Deze datum bestaat niet of is niet te lezen. Vul hem in als dd-mm-jjjj, "
    "bijvoorbeeld 10-02-2027."
)


def session_form_fields():
    form_class = EventPage.get_edit_handler().get_form_class()
    return form_class.formsets["sessions"].form.base_fields


def two_sessions(first_date, second_date, start="9:30"):
    sessions = [
        {"date": first_date, "start_time": start, "end_time": "14:30", "capacity": "30"},
        {"date": second_date, "start_time": "", "end_time": "", "capacity": "30"},
    ]
    return event_form(sessions=inline_formset(sessions))


def post_event(client, form):
    agenda = EventIndexPage.objects.get()
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", agenda.pk])
    return client.post(add_url, form)


ADMIN_LANGUAGES = [code for code, name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES]


def field_html(html, name):
    return re.search(rf'<input[^>]* name="{name}"[^>]*>', html).group()


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("10-02-2027", FEBRUARY_10),
        ("1-2-2027", datetime.date(2027, 2, 1)),
        ("2027-02-10", FEBRUARY_10),
    ],
)
def test_every_admin_language_reads_every_dutch_spelling(db, language, typed, meant):
    fields = session_form_fields()
    with translation.override(language):
        assert fields["date"].clean(typed) == meant
        assert fields["start_time"].clean("9:30") == datetime.time(9, 30)


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_what_the_picker_writes_is_read_back_in_every_admin_language(db, language):
    field = session_form_fields()["date"]
    with translation.override(language):
        written = field.widget.format_value(FEBRUARY_10)
        assert written == "10-02-2027"
        assert field.clean(written) == FEBRUARY_10


def test_a_redacteur_saves_two_dates_typed_the_dutch_way(redacteur_client):
    response = post_event(redacteur_client, two_sessions("10-02-2027", "1-3-2027"))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="pet-enkhuizen")
    assert list(event.sessions.order_by("date").values_list("date", "start_time")) == [
        (FEBRUARY_10, datetime.time(9, 30)),
        (datetime.date(2027, 3, 1), None),
    ]


@pytest.mark.parametrize("typed", ["31-02-2027", "10-02", "morgen", "2027-13-01", "10-02-20277"])
def test_a_date_that_cannot_be_read_is_refused_in_dutch(redacteur_client, typed):
    response = post_event(redacteur_client, two_sessions("10-02-2027", typed))
    assert response.status_code == 200
    second = response.context["form"].formsets["sessions"].forms[1]
    assert second.errors["date"] == [REFUSED_DATE]
    assert not EventPage.objects.filter(slug="pet-enkhuizen").exists()
    # Shown again as typed, to be corrected; not replaced by another date.
    assert f'value="{typed}"' in response.content.decode()


def test_a_time_that_cannot_be_read_is_refused_in_dutch(redacteur_client):
    response = post_event(redacteur_client, two_sessions("10-02-2027", "11-02-2027", start="9 uur"))
    first = response.context["form"].formsets["sessions"].forms[0]
    message = "Deze tijd is niet te lezen. Vul hem in als uu:mm, bijvoorbeeld 09:30."
    assert message in first.errors["start_time"]


def test_an_initiatives_dates_are_typed_the_dutch_way_and_an_empty_one_stays_empty(
    redacteur_client,
):
    initiative = Initiative.objects.order_by("pk").first()
    edit_url = reverse("wagtailsnippets_manifest_initiative:edit", args=[initiative.pk])
    form = {
        "title": initiative.title,
        "slug": initiative.slug,
        "summary": initiative.summary,
        "description": rich_text("<p>Een dag meedraaien in de werkplaats.</p>"),
        "status": initiative.status,
        "actions": [action.pk for action in initiative.actions.all()],
        "start_date": "1-9-2026",
        "end_date": "",
    }
    response = redacteur_client.post(edit_url, form)
    assert response.status_code == 302, response.context["form"].errors
    draft = Initiative.objects.get(pk=initiative.pk).get_latest_revision_as_object()
    assert (draft.start_date, draft.end_date) == (datetime.date(2026, 9, 1), None)


def test_every_date_field_says_what_to_type(redacteur_client):
    agenda = EventIndexPage.objects.get()
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", agenda.pk])
    html = redacteur_client.get(add_url).content.decode()
    assert 'placeholder="dd-mm-jjjj"' in field_html(html, "original_date")
    assert 'placeholder="dd-mm-jjjj"' in field_html(html, "sessions-0-date")
    assert 'placeholder="uu:mm"' in field_html(html, "sessions-0-start_time")
    # The picker writes what the placeholder says, and keeps what it cannot read.
    assert '"format": "d-m-Y"' in html
    assert "js/admin-dates." in html


def test_the_account_page_offers_no_time_zone_a_browser_refuses(redacteur_client):
    response = redacteur_client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    assert settings.WAGTAIL_USER_TIME_ZONES == [settings.TIME_ZONE]
    assert "localtime" not in response.content.decode()


def test_the_date_filter_of_a_listing_reads_dutch_dates_and_says_so(redacteur_client, home_page):
    response = redacteur_client.get(
        reverse("wagtailadmin_explore", args=[home_page.pk]),
        {
            "latest_revision_created_at_from": "1-12-2026",
            "latest_revision_created_at_to": "31-12-2026",
        },
    )
    filters = response.context["filters"]
    assert filters.is_valid()
    updated = filters.form.cleaned_data["latest_revision_created_at"]
    assert (updated.start.date(), updated.stop.date()) == (
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 31),
    )
    html = response.content.decode()
    assert 'placeholder="Vanaf dd-mm-jjjj"' in html
    assert 'placeholder="Tot en met dd-mm-jjjj"' in html
