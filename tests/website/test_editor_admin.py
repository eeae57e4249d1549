"""The admin as editors use it (website/wagtail_hooks.py): publishing that follows
the roles, as the main button; landing back on the page one edited, no "Root", no third-party
calls, the Dutch guide in the help menu."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Collection, Page, Workflow
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.roles import CAMPUSCOORDINATOR, MODERATOR, REDACTEUR, logged_in, user_with_role


@pytest.fixture
def about(home_page):
    return Page.objects.get(slug="over-het-manifest").specific


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def about_form(about, **changes):
    return nested_form_data(
        {"title": about.title, "slug": about.slug, "intro": about.intro, "body": streamfield([])}
        | changes
    )


# How Wagtail marks the editor's buttons: by name, the save button by class, the workflow's
# actions by data attribute.
BUTTON = re.compile(
    r'name="action-([a-z-]+)"|class="button action-(save)\b|data-workflow-action-name="(\w+)"'
)


def actions(html):
    """The editor's buttons in the footer, the main one first (as Wagtail renders it)."""
    footer = html[html.index('<footer class="footer') :]
    return [next(group for group in match.groups() if group) for match in BUTTON.finditer(footer)]


def test_a_redacteur_is_offered_publish_and_not_the_workflow(redacteur_client, about):
    html = redacteur_client.get(edit_url(about)).content.decode()
    assert actions(html)[:2] == ["publish", "save"]
    assert 'name="action-submit"' not in html


def test_a_coordinator_is_offered_the_workflow_and_not_publish(coordinator_client, campus):
    html = coordinator_client.get(edit_url(campus)).content.decode()
    assert actions(html)[:2] == ["submit", "save"]
    assert "Stuur door naar Redactiecontrole" in html
    assert 'name="action-publish"' not in html


def test_a_redacteur_publishes_partners_without_the_workflow(redacteur_client):
    html = redacteur_client.get(reverse("wagtailsnippets_partners_partner:add")).content.decode()
    assert actions(html)[:2] == ["publish", "save"]
    assert 'name="action-submit"' not in html


def test_a_reviewer_is_offered_goedkeuren_first(redacteur_client, coordinator, campus):
    Workflow.objects.get(name="Redactiecontrole").start(campus, coordinator)
    html = redacteur_client.get(edit_url(campus)).content.decode()
    assert actions(html)[0] == "approve"
    assert "publish" in actions(html)


def test_after_publishing_the_editor_stays_on_the_page(redacteur_client, about):
    response = redacteur_client.post(
        edit_url(about), about_form(about, intro="Vernieuwd.") | {"action-publish": "publish"}
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url(about)
    about.refresh_from_db()
    assert about.intro == "Vernieuwd." and about.live


def test_a_next_address_still_wins(redacteur_client, about):
    listing = reverse("wagtailadmin_explore", args=[about.get_parent().pk])
    response = redacteur_client.post(
        f"{edit_url(about)}?next={listing}", about_form(about) | {"action-publish": "publish"}
    )
    assert response["Location"] == listing


def test_the_explorer_starts_at_the_home_page_not_the_root(home_page):
    policy = policy_registry.get_by_type(Page)
    root = policy.explorable_root_instance(user_with_role(REDACTEUR, "redacteur"))
    assert root.pk == home_page.pk


def test_no_root_is_named_root(home_page):
    assert Collection.get_first_root_node().name == "Algemeen"
    assert Page.get_first_root_node().title == "Alle sites"


@pytest.mark.parametrize("role", [REDACTEUR, MODERATOR, CAMPUSCOORDINATOR])
def test_the_admin_calls_no_third_party_and_links_the_dutch_guide(client, home_page, role):
    user = user_with_role(role, "medewerker")
    user.email = "medewerker@noord-holland.nl"
    user.save()
    logged_in(client, user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html
    assert "guide.wagtail.org" not in html
    assert "releases.wagtail" not in html
    assert reverse("website_editor_guide") in html

    guide = client.get(reverse("website_editor_guide"))
    assert guide.status_code == 200
    text = guide.content.decode()
    for task in [
        "banner",
        "Toon in menu's",
        "Site-instellingen",
        "Publicatie inplannen",
        "Stuur door naar Redactiecontrole",
        "Hoort bij PET",
        "Initiatief toevoegen",
        "Logo",
        "Doelen en voortgang",
        "Ondertekeningen",
        "Aanmeldingen",
        "dd-mm-jjjj",
        "Belangrijke pagina's",
        "Delen op sociale media",
        "Download Excel",
        "Open data",
    ]:
        assert task in text, task


def test_the_guide_is_for_staff_only(client, home_page):
    response = client.get(reverse("website_editor_guide"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_a_redacteur_edits_footer_and_contact_in_the_site_settings(redacteur_client, site):
    html = redacteur_client.get(reverse("wagtailadmin_home")).content.decode()
    settings_url = reverse("wagtailsettings:edit", args=["website", "sitesettings"])
    assert settings_url in html  # in the Instellingen menu
    response = redacteur_client.get(
        reverse("wagtailsettings:edit", args=["website", "sitesettings", site.pk])
    )
    assert response.status_code == 200
