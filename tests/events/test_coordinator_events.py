"""A campus coordinator creates and edits the events at their campus, and sees and exports the
registrations of those events only (campuses/permissions.py, events/permissions.py)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from events.factories import RegistrationFactory
from events.models import EventPage, Registration
from tests.admin_forms import event_form
from tests.conftest import count_queries
from tests.roles import CAMPUSCOORDINATOR, denied, logged_in, user_with_role

REGISTRATIONS = "wagtailsnippets_events_registration"


@pytest.fixture
def own_event(make_event, campus):
    return make_event(on_site=True, title="PET Techport", campus=campus, capacity=60)


@pytest.fixture
def other_event(make_event, other_campus):
    return make_event(on_site=True, title="PET Tech@Connect", campus=other_campus, capacity=60)


def add_url(calendar):
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", calendar.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_a_coordinator_adds_an_event_at_their_campus_for_review(
    coordinator_client, coordinator, calendar, campus
):
    form = coordinator_client.get(add_url(calendar)).context["form"]
    assert list(form.fields["campus"].queryset) == [campus]
    response = coordinator_client.post(
        add_url(calendar), event_form(campus=campus.pk) | {"action-submit": "submit"}
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    event = EventPage.objects.get(slug="pet-enkhuizen")
    assert (event.campus, event.owner, event.live) == (campus, coordinator, False)
    assert event.workflow_in_progress
    # Created by them at their campus, so theirs to edit further.
    assert coordinator_client.get(edit_url(event)).status_code == 200


def test_a_coordinator_of_one_campus_need_not_pick_it(coordinator_client, calendar, campus):
    html = coordinator_client.get(add_url(calendar)).content.decode()
    select = re.search(r'<select name="campus".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == [campus.title]
    assert "selected" in select


def test_a_coordinator_of_two_campuses_picks_one(
    coordinator_client, coordinator, calendar, campus, other_campus
):
    coordinator.coordinated_campuses.add(other_campus)
    form = coordinator_client.get(add_url(calendar)).context["form"]
    field = form.fields["campus"]
    assert field.empty_label is not None
    assert form.initial.get("campus") is None
    assert set(field.queryset) == {campus, other_campus}


@pytest.mark.parametrize("campus_choice", ["other", "none"])
def test_a_coordinator_adds_no_event_elsewhere(
    coordinator_client, calendar, other_campus, campus_choice
):
    choice = other_campus.pk if campus_choice == "other" else ""
    response = coordinator_client.post(
        add_url(calendar), event_form(campus=choice) | {"action-submit": "submit"}
    )
    assert response.status_code == 200
    assert "campus" in response.context["form"].errors
    assert not EventPage.objects.filter(slug="pet-enkhuizen").exists()


def test_a_coordinator_edits_only_the_events_at_their_campus(
    coordinator_client, own_event, other_event
):
    assert coordinator_client.get(edit_url(own_event)).status_code == 200
    history = reverse("wagtailadmin_pages:history", args=[own_event.pk])
    assert coordinator_client.get(history).status_code == 200
    for url in [
        edit_url(other_event),
        reverse("wagtailadmin_pages:history", args=[other_event.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[other_event.pk, "live", "latest"]),
    ]:
        assert denied(coordinator_client.get(url)), url
    assert denied(coordinator_client.post(edit_url(other_event), event_form()))
    other_event.refresh_from_db()
    assert other_event.title == "PET Tech@Connect"
    assert not other_event.has_unpublished_changes


def test_an_event_stops_being_theirs_when_the_campus_is_no_longer_theirs(
    coordinator_client, coordinator, calendar, campus, other_campus
):
    coordinator_client.post(add_url(calendar), event_form(campus=campus.pk))
    event = EventPage.objects.get(slug="pet-enkhuizen")
    assert event.owner == coordinator
    coordinator.coordinated_campuses.set([other_campus])
    # Wagtail would let whoever may add pages here edit those they created; not so here.
    assert denied(coordinator_client.get(edit_url(event)))


def test_the_agenda_shows_a_coordinator_only_their_events(
    coordinator_client, calendar, own_event, other_event
):
    response = coordinator_client.get(reverse("wagtailadmin_explore", args=[calendar.pk]))
    assert [page.title for page in response.context["pages"]] == ["PET Techport"]
    html = response.content.decode()
    assert f"{reverse(f'{REGISTRATIONS}:list')}?event={own_event.pk}" in html
    assert reverse("wagtailadmin_pages:add_subpage", args=[calendar.pk]) in html
    history = reverse("wagtailadmin_pages:history", args=[calendar.pk])
    assert denied(coordinator_client.get(history))  # the agenda itself is not theirs


def test_a_coordinator_sees_and_exports_only_the_registrations_at_their_campus(
    coordinator_client, own_event, other_event
):
    mine = RegistrationFactory(event=own_event, contact_name="Juf Fatima")
    theirs = RegistrationFactory(event=other_event, contact_name="Meester Kees")
    listing = coordinator_client.get(reverse(f"{REGISTRATIONS}:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Juf Fatima" in html and "Meester Kees" not in html
    events = listing.context["filters"].form.fields["event"].queryset
    assert other_event not in events and own_event in events

    export = coordinator_client.get(reverse(f"{REGISTRATIONS}:list"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["PET Techport"]
    filtered = coordinator_client.get(
        reverse(f"{REGISTRATIONS}:list"), {"event": other_event.pk, "export": "csv"}
    )
    assert "Meester Kees" not in b"".join(filtered.streaming_content).decode("utf-8-sig")

    inspect = reverse(f"{REGISTRATIONS}:inspect", args=[mine.pk])
    assert coordinator_client.get(inspect).status_code == 200
    for view in ["inspect", "edit", "delete", "history", "usage"]:
        url = reverse(f"{REGISTRATIONS}:{view}", args=[theirs.pk])
        assert denied(coordinator_client.get(url)), view


def test_a_coordinator_only_reads_registrations(coordinator_client, own_event):
    registration = RegistrationFactory(event=own_event, contact_name="Juf Fatima")
    for view in ["edit", "delete"]:
        url = reverse(f"{REGISTRATIONS}:{view}", args=[registration.pk])
        assert denied(coordinator_client.post(url, {"state": "afgemeld"}))
    assert Registration.objects.get(pk=registration.pk).state == registration.state


def test_a_coordinator_without_a_campus_sees_no_registrations(client, own_event):
    RegistrationFactory(event=own_event)
    logged_in(client, user_with_role(CAMPUSCOORDINATOR, "zonder-campus"))
    assert denied(client.get(reverse(f"{REGISTRATIONS}:list")))


def test_a_moderator_exports_every_registration(moderator_client, own_event, other_event):
    RegistrationFactory(event=own_event)
    RegistrationFactory(event=other_event)
    export = moderator_client.get(reverse(f"{REGISTRATIONS}:list"), {"export": "xlsx"})
    assert export.status_code == 200
    assert export["Content-Disposition"].startswith('attachment; filename="aanmeldingen')
    csv_export = moderator_client.get(reverse(f"{REGISTRATIONS}:list"), {"export": "csv"})
    body = b"".join(csv_export.streaming_content).decode("utf-8-sig")
    assert "PET Techport" in body and "PET Tech@Connect" in body


def test_a_coordinators_listing_costs_the_same_for_more_registrations(
    coordinator_client, own_event, other_event
):
    list_url = reverse(f"{REGISTRATIONS}:list")
    RegistrationFactory(event=own_event)
    few = count_queries(coordinator_client, list_url)
    RegistrationFactory.create_batch(5, event=own_event)
    RegistrationFactory.create_batch(5, event=other_event)
    assert count_queries(coordinator_client, list_url) == few
