"""Targets whose year has passed while their action runs on are "verlopen" to editors: in the
actions' listing and on the dashboard. Initiative cards name their actions by title."""

import pytest
from django.urls import reverse

from manifest.factories import ActionTargetFactory, InitiativeFactory, ManifestActionFactory
from manifest.models import ActionTarget, PurposeCaseStatus

# On 17 June 2026 (tests/conftest.py, ORDINARY_DAY): 2026 is not over, 2022 is.
pytestmark = pytest.mark.date_dependent


@pytest.fixture
def action(home_page):
    return ManifestActionFactory(title="Zij-instroom techniek", status=PurposeCaseStatus.BUILDING)


def target(action, year, deadline, **fields):
    return ActionTargetFactory(action=action, year=year, deadline=deadline, **fields)


def test_a_target_whose_year_has_passed_is_overdue(action):
    stale = target(action, 2022, "eind 2022", text="Drie purpose cases")
    assert stale in ActionTarget.objects.overdue()


@pytest.mark.parametrize(
    "year, deadline, fields",
    [
        (2026, "eind 2026", {}),  # this year is not over yet
        (2022, "vanaf 2022", {}),  # a start, not a deadline
        (2022, "2022", {"progress_current": 500, "progress_goal": 500}),  # reached
        (None, "", {}),  # no year at all
    ],
)
def test_other_targets_are_not_overdue(action, year, deadline, fields):
    assert target(action, year, deadline, **fields) not in ActionTarget.objects.overdue()


@pytest.mark.parametrize("status", [PurposeCaseStatus.COMPLETED, PurposeCaseStatus.STOPPED])
def test_the_targets_of_a_finished_action_are_not_overdue(action, status):
    action.status = status
    action.save()
    assert target(action, 2022, "eind 2022") not in ActionTarget.objects.overdue()


def test_the_actions_listing_says_how_many_targets_have_expired(redacteur_client, action):
    target(action, 2022, "eind 2022")
    target(action, 2023, "2023")
    target(action, 2030, "2030")
    html = redacteur_client.get(
        reverse("wagtailsnippets_manifest_manifestaction:list")
    ).content.decode()
    row = html[html.index("Zij-instroom techniek") :]
    row = row[: row.index("</tr>")]
    assert "2 doelen verlopen" in row


def test_the_dashboard_lists_overdue_targets_for_the_redacteur(redacteur_client, action):
    target(action, 2022, "eind 2022", text="Drie purpose cases in de regio")
    html = redacteur_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Verlopen doelen van de acties" in html
    assert "eind 2022, Drie purpose cases in de regio" in html
    edit_url = reverse("wagtailsnippets_manifest_manifestaction:edit", args=[action.pk])
    assert f'href="{edit_url}"' in html


def test_a_moderator_sees_no_targets_on_the_dashboard(moderator_client, action):
    target(action, 2022, "eind 2022")
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Verlopen doelen" not in html


def test_an_initiative_card_names_its_actions(client, action):
    other = ManifestActionFactory(agenda_number=4, title="Techniekpromotie")
    InitiativeFactory(title="Techniekroute", actions=[action, other])
    html = client.get(reverse("manifest:initiative_list")).content.decode()
    card = html[html.index("Techniekroute") :]
    assert f"Actie {action.agenda_number}: Zij-instroom techniek" in card
    assert "Actie 4: Techniekpromotie" in card
