"""A Redacteur publishes partners directly; a campus coordinator proposes changes to the
partners of their campus, which a Redacteur approves in the workflow "Redactiecontrole", and
reaches no other partner in any view (campuses/permissions.py, core/permissions.py)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from partners.factories import PartnerFactory
from tests.roles import REDACTEUR, denied, logged_in, user_with_role

PARTNERS = "wagtailsnippets_partners_partner"


@pytest.fixture
def campus_partner(campus):
    partner = PartnerFactory(name="Havenbedrijf Den Helder", slug="havenbedrijf-den-helder")
    partner.save_revision().publish()
    campus.partners.add(partner)
    campus.save()
    return partner


@pytest.fixture
def outside_partner(db):
    partner = PartnerFactory(name="Zaans Metaal", slug="zaans-metaal")
    partner.save_revision().publish()
    return partner


def partner_form(partner, **changes):
    return nested_form_data(
        {
            "name": partner.name,
            "slug": partner.slug,
            "kind": partner.kind,
            "short_description": partner.short_description,
            "description": rich_text(partner.description or "<p></p>"),
            "website": partner.website,
        }
        | changes
    )


def url(view, partner, *args):
    return reverse(f"{PARTNERS}:{view}", args=[partner.pk, *args])


def approve_in_workflow(client, partner):
    task_state = partner.current_workflow_task_state
    return client.post(url("workflow_action", partner, "approve", task_state.pk), {"comment": ""})


def test_a_redacteur_publishes_a_partner_directly(redacteur_client, outside_partner):
    form = partner_form(outside_partner, short_description="Plaatwerk en lassen.")
    response = redacteur_client.post(
        url("edit", outside_partner), form | {"action-publish": "publish"}
    )
    assert response.status_code == 302
    outside_partner.refresh_from_db()
    assert outside_partner.short_description == "Plaatwerk en lassen."
    assert not outside_partner.workflow_in_progress


def test_a_coordinators_change_to_a_campus_partner_waits_for_a_redacteur(
    client, coordinator_client, campus_partner
):
    assert coordinator_client.get(url("edit", campus_partner)).status_code == 200
    form = partner_form(campus_partner, short_description="Nieuw voorstel van de campus.")
    response = coordinator_client.post(
        url("edit", campus_partner), form | {"action-publish": "publish"}
    )
    campus_partner.refresh_from_db()
    assert campus_partner.short_description == ""  # publishing is not theirs
    response = coordinator_client.post(
        url("edit", campus_partner), form | {"action-submit": "submit"}
    )
    assert response.status_code == 302
    campus_partner.refresh_from_db()
    assert campus_partner.short_description == ""
    assert campus_partner.workflow_in_progress

    logged_in(client, user_with_role(REDACTEUR, "redacteur"))
    assert approve_in_workflow(client, campus_partner).status_code == 302
    campus_partner.refresh_from_db()
    assert campus_partner.short_description == "Nieuw voorstel van de campus."
    assert campus_partner.live and not campus_partner.workflow_in_progress


def test_a_coordinator_reaches_no_partner_outside_their_campus(
    coordinator_client, campus, campus_partner, outside_partner
):
    listing = coordinator_client.get(reverse(f"{PARTNERS}:list"), {"per_page": 100})
    assert set(listing.context["object_list"]) == set(campus.partners.all())
    assert campus_partner in listing.context["object_list"]
    searched = coordinator_client.get(reverse(f"{PARTNERS}:list"), {"q": "Zaans Metaal"})
    assert outside_partner not in searched.context["object_list"]
    revision = outside_partner.latest_revision
    for view, args in [
        ("edit", []),
        ("inspect", []),
        ("history", []),
        ("usage", []),
        ("delete", []),
        ("unpublish", []),
        ("copy", []),
        ("revisions_compare", ["earliest", "latest"]),
        ("revisions_revert", [revision.pk]),
        ("workflow_history", []),
    ]:
        assert denied(coordinator_client.get(url(view, outside_partner, *args))), view
    response = coordinator_client.post(url("edit", outside_partner), partner_form(outside_partner))
    assert denied(response)
    assert not outside_partner.revisions.exclude(pk=revision.pk).exists()


def test_a_coordinator_neither_adds_nor_deletes_partners(coordinator_client, campus_partner):
    assert denied(coordinator_client.get(reverse(f"{PARTNERS}:add")))
    assert denied(coordinator_client.post(url("delete", campus_partner)))
    campus_partner.refresh_from_db()
    assert campus_partner.live


def test_a_moderator_does_not_edit_partners(moderator_client, campus_partner):
    assert denied(moderator_client.get(reverse(f"{PARTNERS}:list")))
    assert denied(moderator_client.get(url("edit", campus_partner)))
