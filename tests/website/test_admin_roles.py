"""The admin as each role meets it: the settings each role finds, the review mail, the
dashboard's warning about scheduled jobs for administrators only, "Publiceren" as the main
action of whoever may publish, and Wagtail's English and version text made Dutch or hidden."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from campuses.models import CampusPage
from tests.campuses.test_coordinator_pages import campus_form
from tests.roles import CAMPUSCOORDINATOR, MODERATOR, REDACTEUR, logged_in, user_with_role


def with_email(user, full_name=""):
    user.email = f"{user.username}@noord-holland.example.nl"
    user.first_name, _, user.last_name = full_name.partition(" ")
    user.save()
    return user


def test_a_coordinators_submission_mails_the_redacteur_who_submitted_what(client, home_page):
    campus = CampusPage.objects.get(slug="techport")
    coordinator = user_with_role(CAMPUSCOORDINATOR, "coordinator", [campus])
    with_email(coordinator, "Fatima Bakker")
    redacteur = with_email(user_with_role(REDACTEUR, "redacteur"), "Ruud de Vries")
    administrator = get_user_model().objects.create_superuser("beheer", password="x")
    with_email(administrator)

    logged_in(client, coordinator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[campus.pk])
    client.post(edit_url, campus_form(campus) | {"action-submit": "submit"})

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
