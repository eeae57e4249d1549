"""A campus coordinator edits their own campus page only, and a Redacteur approves the change
in the workflow "Redactiecontrole" before it is live (campuses/permissions.py)."""

import re

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campuses.models import CampusPage
from tests.admin_forms import campus_form
from tests.roles import (
    CAMPUSCOORDINATOR,
    REDACTEUR,
    denied,
    logged_in,
    user_with_role,
)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def approve_in_workflow(client, page):
    """What a Redacteur's "Goedkeuren" in the workflow posts."""
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def test_a_coordinator_submits_a_change_that_a_redacteur_approves(client, coordinator, campus):
    logged_in(client, coordinator)
    assert client.get(edit_url(campus)).status_code == 200
    form = campus_form(campus, intro="Nieuwe inleiding van de coördinator.")
    response = client.post(edit_url(campus), form | {"action-submit": "submit"})
    assert response.status_code == 302

    campus.refresh_from_db()
    assert campus.intro != "Nieuwe inleiding van de coördinator."  # not live yet
    assert campus.workflow_in_progress
    assert campus.current_workflow_state.workflow.name == "Redactiecontrole"
    assert "Nieuwe inleiding" not in client.get(campus.url).content.decode()

    # The coordinator cannot approve their own change; a Redacteur can.
    assert approve_in_workflow(client, campus).status_code in (302, 403)
    campus.refresh_from_db()
    assert campus.intro != "Nieuwe inleiding van de coördinator."

    logged_in(client, user_with_role(REDACTEUR, "redacteur"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Goedkeuring door een redacteur" in dashboard
    response = approve_in_workflow(client, campus)
    assert response.status_code == 302
    campus.refresh_from_db()
    assert campus.intro == "Nieuwe inleiding van de coördinator."
    assert not campus.workflow_in_progress
    assert "Nieuwe inleiding van de coördinator." in client.get(campus.url).content.decode()


def test_a_coordinator_cannot_publish_directly(coordinator_client, campus):
    form = campus_form(campus, intro="Meteen live?")
    response = coordinator_client.post(edit_url(campus), form | {"action-publish": "publish"})
    assert response.status_code == 302
    campus.refresh_from_db()
    assert campus.intro != "Meteen live?"
    assert campus.get_latest_revision().as_object().intro == "Meteen live?"  # a draft


def test_a_redacteur_publishes_a_page_directly(redacteur_client):
    about = Page.objects.get(slug="over-het-manifest").specific
    form = nested_form_data(
        {"title": "Over ons", "slug": about.slug, "intro": "Vernieuwd.", "body": streamfield([])}
    )
    response = redacteur_client.post(edit_url(about), form | {"action-publish": "publish"})
    assert response.status_code == 302
    about.refresh_from_db()
    assert (about.title, about.intro, about.live) == ("Over ons", "Vernieuwd.", True)
    assert not about.workflow_in_progress


def object_urls(page):
    """Every admin view of one page that shows or changes it."""
    revision = page.get_latest_revision() or page.save_revision()
    return [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", "latest"]),
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:usage", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        reverse("wagtailadmin_pages:move", args=[page.pk]),
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
    ]


def test_a_coordinator_is_refused_every_view_of_another_campus_and_page(
    coordinator_client, other_campus, home_page
):
    for page in [other_campus, home_page]:
        for url in object_urls(page):
            response = coordinator_client.get(url)
            assert denied(response) or response.status_code == 403, url
        assert denied(coordinator_client.post(edit_url(page), {"title": "Overgenomen"}))
        lock_url = reverse("wagtailadmin_pages:lock", args=[page.pk])
        assert denied(coordinator_client.post(lock_url))
    other_campus.refresh_from_db()
    assert (other_campus.title, other_campus.locked) == ("Tech@Connect", False)
    assert other_campus.get_latest_revision().as_object().title == "Tech@Connect"


def test_a_coordinator_adds_no_campus_and_cannot_lock_or_delete_their_own(
    coordinator_client, campus
):
    index = campus.get_parent()
    add_url = reverse("wagtailadmin_pages:add", args=["campuses", "campuspage", index.pk])
    assert denied(coordinator_client.get(add_url))
    for view in ["delete", "unpublish", "lock", "move"]:
        url = reverse(f"wagtailadmin_pages:{view}", args=[campus.pk])
        response = coordinator_client.post(url)
        assert denied(response) or response.status_code == 403, view
    campus.refresh_from_db()
    assert campus.live and not campus.locked


def test_the_explorer_and_search_show_a_coordinator_only_the_way_to_their_pages(
    coordinator_client, campus, home_page
):
    html = coordinator_client.get(reverse("wagtailadmin_explore", args=[home_page.pk]))
    titles = {page.title for page in html.context["pages"]}
    assert titles == {"Campussen", "Agenda"}
    index = campus.get_parent()
    html = coordinator_client.get(reverse("wagtailadmin_explore", args=[index.pk]))
    assert [page.title for page in html.context["pages"]] == [campus.title]
    found = coordinator_client.get(reverse("wagtailadmin_pages:search"), {"q": "Tech"})
    assert [page.title for page in found.context["pages"]] == [campus.title]


def test_a_moderator_edits_no_page(moderator_client, home_page, campus):
    for page in [home_page, campus]:
        assert denied(moderator_client.get(edit_url(page)))
        assert denied(moderator_client.post(edit_url(page), {"title": "Overgenomen"}))
    assert denied(moderator_client.get(reverse("wagtailadmin_explore", args=[home_page.pk])))
    campus.refresh_from_db()
    assert campus.title == "Techport"


def test_an_administrator_assigns_campuses_to_a_coordinator(admin_client, campus, other_campus):
    user = user_with_role(CAMPUSCOORDINATOR, "nieuwe-coordinator")
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    html = admin_client.get(url).content.decode()
    assert "Campuscoördinator van" in html
    response = admin_client.post(
        url,
        {
            "username": user.username,
            "email": "coordinator@techport.example.nl",
            "first_name": "Sanne",
            "last_name": "Bakker",
            "is_active": "on",
            "groups": [group.pk for group in user.groups.all()],
            "coordinated_campuses": [campus.pk, other_campus.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert set(user.coordinated_campuses.all()) == {campus, other_campus}


def test_a_coordinator_cannot_widen_their_own_rights(coordinator_client, coordinator, campus):
    other_id = CampusPage.objects.exclude(pk=campus.pk).values_list("pk", flat=True)[0]
    assert denied(coordinator_client.get(reverse("wagtailusers_users:edit", args=[coordinator.pk])))
    form = campus_form(campus) | {"coordinators": [coordinator.pk]}
    coordinator_client.post(edit_url(CampusPage.objects.get(pk=other_id)), form)
    assert list(coordinator.coordinated_campuses.all()) == [campus]


def test_the_user_form_shows_the_campuses_a_coordinator_has(admin_client, coordinator, campus):
    html = admin_client.get(reverse("wagtailusers_users:edit", args=[coordinator.pk])).content
    boxes = re.findall(r'<input[^>]*name="coordinated_campuses"[^>]*>', html.decode())
    assert [box for box in boxes if "checked" in box] == [
        box for box in boxes if f'value="{campus.pk}"' in box
    ]
    assert len(boxes) == CampusPage.objects.count()


def test_a_coordinator_who_opens_another_campus_is_told_which_is_theirs(
    coordinator_client, campus, other_campus
):
    response = coordinator_client.get(edit_url(other_campus), follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    html = response.content.decode()
    # Instead of Wagtail's refusal, not beside it.
    assert "geen toegang tot dit gedeelte" not in html
    assert f"U kunt {other_campus.title} niet bewerken" in html
    assert f"alleen {campus.title}" in html
    assert f'href="{edit_url(campus)}"' in html


def test_others_still_get_wagtails_refusal(moderator_client, other_campus):
    response = moderator_client.get(edit_url(other_campus), follow=True)
    html = response.content.decode()
    assert "U kunt" not in html
    assert "Sorry, u hebt geen toegang tot dit gedeelte." in html
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
