"""The roles and the workflow the migrations create (website/migrations/0002_roles.py), and
what each role reaches in the admin as a whole. What a role does with pages, partners,
events and registrations is tested beside those (tests/campuses, tests/partners, tests/events,
tests/manifest)."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, GroupPagePermission, Page, Workflow, WorkflowContentType

from campuses.models import CampusPage
from events.factories import OnSiteEventFactory, RegistrationFactory
from events.models import EventIndexPage
from partners.models import Partner
from tests.images import png_upload
from tests.roles import (
    CAMPUSCOORDINATOR,
    MODERATOR,
    REDACTEUR,
    denied,
    logged_in,
    user_with_role,
)


def test_the_roles_replace_wagtails_english_defaults(db):
    assert set(Group.objects.values_list("name", flat=True)) == {
        REDACTEUR,
        MODERATOR,
        CAMPUSCOORDINATOR,
    }
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Redactiecontrole"]


def test_the_workflow_asks_a_redacteur_for_every_page_and_partner(home_page):
    workflow = Workflow.objects.get(name="Redactiecontrole")
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [REDACTEUR]
    assert home_page.get_workflow() == workflow
    assert CampusPage.objects.first().get_workflow() == workflow
    partner_type = ContentType.objects.get_for_model(Partner)
    assert WorkflowContentType.objects.get(content_type=partner_type).workflow == workflow


def test_only_the_redacteur_has_page_permissions(db):
    root = Page.get_first_root_node()
    permissions = GroupPagePermission.objects.values_list(
        "group__name", "page", "permission__codename"
    )
    assert {(group, page) for group, page, _ in permissions} == {(REDACTEUR, root.pk)}
    assert {codename for _, _, codename in permissions} == {
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    }


def test_a_coordinator_holds_no_right_over_every_row(db):
    """Their rights come from their campuses (campuses/permissions.py); a model-wide one would
    show them every partner or registration wherever Wagtail asks only `has_perm`."""
    codenames = set(
        Group.objects.get(name=CAMPUSCOORDINATOR).permissions.values_list("codename", flat=True)
    )
    assert codenames == {"access_admin", "coordinate_campus"}


@pytest.mark.parametrize(
    "list_url",
    [
        "wagtailsnippets_events_registration:list",
        "wagtailsnippets_manifest_signature:list",
    ],
)
def test_personal_data_is_not_the_redacteurs(redacteur_client, list_url):
    assert denied(redacteur_client.get(reverse(list_url)))


@pytest.mark.parametrize("role", [REDACTEUR, MODERATOR, CAMPUSCOORDINATOR])
def test_every_role_has_a_working_dashboard_and_reports(client, home_page, role):
    campuses = CampusPage.objects.filter(slug="techport")
    logged_in(client, user_with_role(role, "medewerker", campuses))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    for report in ["site_history", "workflow", "workflow_tasks", "locked_pages", "aging_pages"]:
        response = client.get(reverse(f"wagtailadmin_reports:{report}"))
        assert response.status_code in (200, 302), report


def test_the_workflow_report_shows_a_coordinator_only_their_pages(
    coordinator_client, campus, other_campus
):
    redacteur = user_with_role(REDACTEUR, "redacteur")
    for page in [campus, other_campus]:
        page.get_workflow().start(page, redacteur)
    response = coordinator_client.get(reverse("wagtailadmin_reports:workflow"))
    shown = {state.content_object.pk for state in response.context["object_list"]}
    assert shown == {campus.pk}


def test_the_site_history_shows_a_coordinator_no_registrant(coordinator_client, campus):
    event = OnSiteEventFactory(parent=EventIndexPage.objects.first(), campus=campus)
    registration = RegistrationFactory(event=event, contact_name="Juf Fatima Yilmaz")
    log(instance=registration, action="wagtail.edit")
    html = coordinator_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Juf Fatima Yilmaz" not in html


def test_a_coordinator_chooses_images_from_their_own_collection_only(client, home_page):
    def image(title, collection):
        return get_image_model().objects.create(
            title=title, file=png_upload(), collection=collection
        )

    root = Collection.get_first_root_node()
    waiting = root.add_child(name="Ingestuurde logo's (nog niet beoordeeld)")
    image("Logo Geheime Organisatie", waiting)
    image("Werkplaats Techport", Collection.objects.get(name="Campussen en evenementen"))
    logged_in(client, user_with_role(CAMPUSCOORDINATOR, "coordinator"))
    html = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "Werkplaats Techport" in html
    assert "Geheime Organisatie" not in html
