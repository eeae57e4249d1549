"""Staff publish and manage events without help: the page editor itself, not a shortcut."""

import datetime

import pytest
from django.urls import reverse

from events.models import EventPage
from tests.admin_forms import event_form
from tests.events.conftest import in_days


@pytest.mark.date_dependent
def test_a_redacteur_creates_and_publishes_an_event(redacteur_client, calendar):
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", calendar.pk])
    response = redacteur_client.post(add_url, event_form() | {"action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="pet-enkhuizen")
    assert event.live
    [session] = event.sessions.all()
    assert session.capacity == 120
    assert session.starts_at == datetime.datetime.combine(
        in_days(40), datetime.time(9), tzinfo=session.start.tzinfo
    )
    assert redacteur_client.get(event.url).status_code == 200


def test_the_editor_explains_what_is_missing(redacteur_client, calendar):
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", calendar.pk])
    form = event_form(capacity="", status="verplaatst") | {"action-publish": "publish"}
    response = redacteur_client.post(add_url, form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    [date_form] = response.context["form"].formsets["sessions"].forms
    assert date_form.errors["capacity"] == ["Vul het aantal plaatsen voor deze datum in."]
    assert "original_date" in errors
    assert not EventPage.objects.filter(slug="pet-enkhuizen").exists()


def test_a_preview_opened_without_changes_shows_the_page_not_an_error(redacteur_client, make_event):
    """The preview's own address, opened in a new tab before anything was typed, has no form
    data: Wagtail then shows its "preview not available" page."""
    event = make_event(on_site=True)
    response = redacteur_client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[event.pk]))
    assert response.status_code == 200
