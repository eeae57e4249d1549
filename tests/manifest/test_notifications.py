"""Staff hear about what waits for them without having to look: moderators get an e-mail
when a signature waits, the dashboard counts what waits, workflow tasks are mailed to their
approvers in Dutch, and mail that invites an answer carries the Reply-To from the site
settings."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, Site, Workflow

from core.models import MailSettings
from events.factories import EventIndexPageFactory, OnSiteEventFactory, RegistrationFactory
from events.models import RegistrationState
from tests.core.conftest import moderate, sign, sign_and_confirm
from tests.roles import CAMPUSCOORDINATOR, MODERATOR, REDACTEUR, user_with_role


@pytest.fixture
def moderator(db):
    return user_with_role(MODERATOR, "moderator", email="moderator@provincie.example.nl")


@pytest.fixture
def redacteur(db):
    return user_with_role(REDACTEUR, "redacteur", email="redacteur@provincie.example.nl")


def test_moderators_get_a_mail_when_a_signature_waits(client, moderator, redacteur):
    signature = sign(client, "Lasbedrijf Noord")
    assert not [m for m in mail.outbox if moderator.email in m.to]  # not before confirming
    sign_and_confirm_existing = client.post(
        "/manifest/ondertekenen/bevestigen/"
        + mail.outbox[-1].body.split("/manifest/ondertekenen/bevestigen/")[1].split()[0]
    )
    assert sign_and_confirm_existing.status_code == 200
    [notice] = [m for m in mail.outbox if moderator.email in m.to]
    assert notice.to == [moderator.email]
    assert "Lasbedrijf Noord" in notice.subject
    assert "wacht op beoordeling" in notice.subject
    inspect = reverse("wagtailsnippets_manifest_signature:inspect", args=[signature.pk])
    assert inspect in notice.body
    assert not [m for m in mail.outbox if redacteur.email in m.to]


def test_the_rejection_mail_has_the_reply_to_of_the_site_settings(client, admin_client):
    settings = MailSettings.for_site(Site.objects.get(is_default_site=True))
    settings.reply_to_email = "redactie@provincie.example.nl"
    settings.save()
    signature = sign_and_confirm(client, "Zeewind Techniek")
    mail.outbox.clear()
    moderate(admin_client, signature, "reject", reason="Geen techniekbedrijf.")
    [rejection] = mail.outbox
    assert "Beantwoord dan deze e-mail" in rejection.body
    assert rejection.reply_to == ["redactie@provincie.example.nl"]


def test_without_a_reply_to_setting_none_is_sent(db, client):
    sign(client, "Polderkracht Energie")
    assert mail.outbox[-1].reply_to == []


def test_the_dashboard_counts_what_waits_for_each_role(client, moderator, redacteur, home_page):
    sign_and_confirm(client, "Duinzicht Elektrotechniek")
    calendar = EventIndexPageFactory(parent=home_page, title="Testagenda", slug="testagenda")
    event = OnSiteEventFactory(parent=calendar, capacity=5)
    RegistrationFactory(event=event, persons=5)
    RegistrationFactory(event=event, persons=2, state=RegistrationState.WAITLISTED)
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 ondertekening wacht op beoordeling" in html
    assert "1 aanmelding op de wachtlijst" in html
    client.force_login(redacteur)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "op beoordeling" not in html and "op de wachtlijst" not in html


def test_a_page_waiting_in_the_workflow_is_mailed_to_its_approvers_in_dutch(
    redacteur, moderator, home_page
):
    author = user_with_role(CAMPUSCOORDINATOR, "coordinator")
    page = Page.objects.get(pk=home_page.pk).specific
    workflow = Workflow.objects.get(name="Redactiecontrole")
    mail.outbox.clear()
    workflow.start(page, author)
    to_redacteur = [m for m in mail.outbox if redacteur.email in m.to]
    assert to_redacteur, [m.to for m in mail.outbox]
    subject = to_redacteur[0].subject
    assert subject == f"Pagina '{page.title}' ter beoordeling ingediend door coordinator", subject
    assert not [m for m in mail.outbox if moderator.email in m.to]


def test_a_redacteur_sets_the_reply_to_address(client, redacteur):
    client.force_login(redacteur)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "mailsettings", site.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reply_to_email": "redactie@provincie.example.nl"})
    assert response.status_code == 302
    assert MailSettings.for_site(site).reply_to_email == "redactie@provincie.example.nl"
