"""The admin as each role meets it: the settings each role finds, the review mail, the
dashboard's warning about scheduled jobs for administrators only, "Publiceren" as the main
action of whoever may publish, and Wagtail's English and version text made Dutch or hidden."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from core.models import ShareSettings
from tests.admin_forms import campus_form
from tests.roles import (
    CAMPUSCOORDINATOR,
    MODERATOR,
    REDACTEUR,
    denied,
    logged_in,
    user_with_role,
)


def with_email(user, full_name=""):
    user.email = f"{user.username}@noord-holland.example.nl"
    user.first_name, _, user.last_name = full_name.partition(" ")
    user.save()
    return user


def test_a_coordinators_submission_mails_the_redacteur_who_submitted_what(
    coordinator_client, coordinator, campus, admin_user
):
    with_email(coordinator, "Fatima Bakker")
    redacteur = with_email(user_with_role(REDACTEUR, "redacteur"), "Ruud de Vries")
    administrator = with_email(admin_user)

    edit_url = reverse("wagtailadmin_pages:edit", args=[campus.pk])
    coordinator_client.post(edit_url, campus_form(campus) | {"action-submit": "submit"})

    [review] = [message for message in mail.outbox if message.to == [redacteur.email]]
    assert review.subject == "Pagina 'Techport' ter beoordeling ingediend door Fatima Bakker"
    assert review.body.startswith("Beste Ruud de Vries,\n\n")
    assert "Pagina 'Techport' ter beoordeling ingediend door Fatima Bakker." in review.body
    assert f"http://testserver{edit_url}" in review.body
    assert "\n\n\n" not in review.body and "&amp;" not in review.body
    # An administrator hears of the task and of the workflow, both in the same words.
    to_administrator = [message for message in mail.outbox if message.to == [administrator.email]]
    assert {message.subject for message in to_administrator} == {review.subject}
    assert len(to_administrator) == 2


def settings_urls(html):
    """The addresses of the Instellingen menu's site settings on an admin page."""
    return set(re.findall(r"/admin/settings/[a-z_]+/[a-z_]+/", html))


def test_an_administrator_finds_every_site_setting_and_each_opens(admin_client, home_page):
    client = admin_client
    found = settings_urls(client.get(reverse("wagtailadmin_home")).content.decode())
    assert reverse("wagtailsettings:edit", args=["core", "importantpages"]) in found
    assert reverse("wagtailsettings:edit", args=["core", "sharesettings"]) in found
    for url in found:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        # A refusal would end on the dashboard, which answers 200 as well.
        assert response.request["PATH_INFO"].startswith("/admin/settings/"), url


def test_a_redacteur_edits_the_share_settings(redacteur_client, site):
    edit_url = reverse("wagtailsettings:edit", args=["core", "sharesettings"])
    assert edit_url in settings_urls(
        redacteur_client.get(reverse("wagtailadmin_home")).content.decode()
    )
    form = {"site_name": "Werken & Ontwikkelen 2030", "default_image": "", "x_account": "@NH"}
    response = redacteur_client.post(f"{edit_url}{site.pk}/", form)
    assert response.status_code == 302
    assert ShareSettings.for_site(site).x_account == "@NH"


@pytest.mark.parametrize("role", [MODERATOR, CAMPUSCOORDINATOR])
def test_no_other_role_edits_the_share_settings(client, site, role):
    logged_in(client, user_with_role(role, "medewerker"))
    edit_url = reverse("wagtailsettings:edit", args=["core", "sharesettings", site.pk])
    assert denied(client.get(edit_url))


def test_the_admin_speaks_dutch_to_a_redacteur_without_wagtails_version(redacteur_client):
    dashboard = redacteur_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Wagtail v" not in dashboard
    assert "aangemaakt in Werken" in dashboard and "inWerken" not in dashboard
    report = redacteur_client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
    assert "Goedkeuringsprocessen" in report and "Workflows" not in report
    tasks = redacteur_client.get(reverse("wagtailadmin_reports:workflow_tasks")).content.decode()
    assert "Goedkeuringsstappen" in tasks and "Workflow taken" not in tasks
    guide = redacteur_client.get(reverse("website_editor_guide")).content.decode()
    assert not re.search(r"\b([Jj]e|[Jj]ouw)\b", guide)


def test_an_administrator_still_sees_wagtails_version(admin_client, home_page):
    assert "Wagtail v" in admin_client.get(reverse("wagtailadmin_home")).content.decode()
