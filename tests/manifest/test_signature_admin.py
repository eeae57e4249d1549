import smtplib

from django.contrib.messages import get_messages
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from core.models import EducationLevel, Region
from manifest.models import Signature, SignatureState
from partners.factories import PartnerFactory
from tests.conftest import count_queries
from tests.manifest.signatures import logo, make_signature
from tests.roles import denied

NAMESPACE = "wagtailsnippets_manifest_signature"
LIST_URL = reverse(f"{NAMESPACE}:list")
BULK_APPROVE_URL = reverse("wagtail_bulk_action", args=["manifest", "signature", "approve"])


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 De mailserver is tijdelijk onbereikbaar")


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_moderator_sees_the_queue_with_logo_previews(moderator_client):
    signature = make_signature(with_logo=True)
    response = moderator_client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(signature.organisation_name) in html
    assert "max-160x80" in html
    assert f'alt="Logo van {escape(signature.organisation_name)}"' in html
    assert 'rel="noopener noreferrer"' in html
    assert reverse(f"{NAMESPACE}:approve", args=[signature.pk]) in html
    assert reverse(f"{NAMESPACE}:reject", args=[signature.pk]) in html


def test_the_queue_comes_first_in_the_list(moderator_client):
    waiting = make_signature()
    make_signature(state=SignatureState.APPROVED)  # newer, but no longer in the queue
    signatures = list(moderator_client.get(LIST_URL).context["object_list"])
    assert signatures[0] == waiting


def test_the_list_filters_on_state_and_searches_by_organisation(moderator_client):
    waiting = make_signature()
    unconfirmed = make_signature(state=SignatureState.UNCONFIRMED)
    html = moderator_client.get(LIST_URL, {"state": "confirmed"}).content.decode()
    assert escape(waiting.organisation_name) in html
    assert escape(unconfirmed.organisation_name) not in html
    response = moderator_client.get(LIST_URL, {"q": unconfirmed.organisation_name})
    assert list(response.context["object_list"]) == [unconfirmed]


def test_the_list_does_not_query_per_signature(moderator_client):
    def warm_count():
        moderator_client.get(LIST_URL)  # renditions are made on the first view
        return count_queries(moderator_client, LIST_URL)

    for _ in range(2):
        make_signature(with_logo=True)
    few = warm_count()
    for _ in range(4):
        make_signature(with_logo=True)
    assert warm_count() == few


def test_a_moderator_approves_a_signature(moderator_client, moderator):
    signature = make_signature(with_logo=True)
    response = moderator_client.post(
        reverse(f"{NAMESPACE}:approve", args=[signature.pk]),
        {"next": f"http://testserver{LIST_URL}?state=confirmed"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{LIST_URL}?state=confirmed"
    signature.refresh_from_db()
    signature.partner.refresh_from_db()
    assert signature.state == SignatureState.APPROVED
    assert signature.moderated_by == moderator
    assert signature.partner.live
    assert [message.to for message in mail.outbox] == [[signature.contact_email]]
    assert "goedgekeurd" in mail.outbox[0].subject
    assert any("is goedgekeurd" in text for text in message_texts(response))


def test_approve_page_without_javascript_asks_for_confirmation(moderator_client):
    signature = make_signature()
    url = reverse(f"{NAMESPACE}:approve", args=[signature.pk])
    response = moderator_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ja, goedkeuren" in html
    assert "csrfmiddlewaretoken" in html
    signature.refresh_from_db()
    assert signature.state == SignatureState.CONFIRMED


def test_approving_from_the_list_opens_the_review_and_never_posts_at_once(moderator_client):
    signature = make_signature()
    html = moderator_client.get(LIST_URL).content.decode()
    approve_url = reverse(f"{NAMESPACE}:approve", args=[signature.pk])
    assert f'href="{approve_url}"' in html
    assert f'data-w-action-url-value="{approve_url}"' not in html


def test_the_review_shows_the_logo_large_and_all_that_was_sent_in(moderator_client):
    signature = make_signature(with_logo=True, region=Region.objects.first())
    signature.education_levels.set(EducationLevel.objects.all()[:2])
    html = moderator_client.get(reverse(f"{NAMESPACE}:approve", args=[signature.pk]))
    html = html.content.decode()
    assert "max-240x240" in html
    assert f'alt="Ingestuurd logo van {escape(signature.organisation_name)}"' in html
    for shown in [
        signature.website,
        signature.get_organisation_kind_display(),
        signature.region.name,
        *(level.name for level in signature.education_levels.all()),
        signature.signer_name,
        signature.signer_role,
        signature.contact_email,
        signature.statement,
    ]:
        assert escape(shown) in html, shown


def test_bulk_approval_shows_each_logo_before_it_approves(moderator_client):
    signatures = [make_signature(with_logo=True) for _ in range(2)]
    ids = "&".join(f"id={s.pk}" for s in signatures)
    html = moderator_client.get(f"{BULK_APPROVE_URL}?{ids}").content.decode()
    assert html.count("max-240x240") == 2
    assert all(escape(s.contact_email) in html for s in signatures)


def test_bulk_approval_reads_its_signatures_in_queries_that_do_not_grow(moderator_client):
    def queries_for(count):
        signatures = [make_signature(with_logo=True) for _ in range(count)]
        ids = "&".join(f"id={s.pk}" for s in signatures)
        moderator_client.get(f"{BULK_APPROVE_URL}?{ids}")  # renditions made once
        with CaptureQueriesContext(connection) as queries:
            assert moderator_client.get(f"{BULK_APPROVE_URL}?{ids}").status_code == 200
        return len(queries)

    assert queries_for(5) == queries_for(1)


def test_approving_a_signature_in_the_wrong_state_changes_nothing(moderator_client):
    signature = make_signature(state=SignatureState.UNCONFIRMED)
    response = moderator_client.post(reverse(f"{NAMESPACE}:approve", args=[signature.pk]))
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    signature.refresh_from_db()
    assert signature.state == SignatureState.UNCONFIRMED
    assert not mail.outbox
    assert any("er is niets gewijzigd" in text for text in message_texts(response))


def test_a_mail_failure_after_approval_gives_a_warning(moderator_client, settings):
    settings.EMAIL_BACKEND = "tests.manifest.test_signature_admin.FailingEmailBackend"
    signature = make_signature()
    response = moderator_client.post(reverse(f"{NAMESPACE}:approve", args=[signature.pk]))
    signature.refresh_from_db()
    assert signature.state == SignatureState.APPROVED
    messages = list(get_messages(response.wsgi_request))
    assert [message.level_tag for message in messages] == ["warning"]
    assert "kon niet worden verstuurd" in str(messages[0])


def test_rejecting_requires_a_reason(moderator_client):
    signature = make_signature()
    response = moderator_client.post(
        reverse(f"{NAMESPACE}:reject", args=[signature.pk]), {"reason": "   "}
    )
    assert response.status_code == 200
    assert "Geef een reden op" in response.content.decode()
    signature.refresh_from_db()
    assert signature.state == SignatureState.CONFIRMED
    assert not mail.outbox


def test_a_moderator_rejects_with_a_reason_that_is_mailed(moderator_client):
    signature = make_signature()
    reason = "Wij kunnen deze organisatie niet vinden in het Handelsregister."
    url = reverse(f"{NAMESPACE}:reject", args=[signature.pk])
    assert moderator_client.get(url).status_code == 200
    response = moderator_client.post(url, {"reason": reason})
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.state == SignatureState.REJECTED
    assert signature.rejection_reason == reason
    assert len(mail.outbox) == 1
    assert reason in mail.outbox[0].body
    assert mail.outbox[0].to == [signature.contact_email]


def test_a_redacteur_neither_sees_nor_moderates_signatures(redacteur_client):
    # Signatures hold the signers' contact data: they are the Moderator's alone.
    signature = make_signature()
    assert denied(redacteur_client.get(LIST_URL))
    assert denied(redacteur_client.get(reverse(f"{NAMESPACE}:inspect", args=[signature.pk])))
    for view in ["approve", "reject"]:
        url = reverse(f"{NAMESPACE}:{view}", args=[signature.pk])
        assert denied(redacteur_client.post(url, {"reason": "Nee."}))
    signature.refresh_from_db()
    assert signature.state == SignatureState.CONFIRMED
    assert not mail.outbox


def test_an_editor_cannot_bulk_approve(redacteur_client):
    signature = make_signature()
    assert denied(redacteur_client.get(f"{BULK_APPROVE_URL}?id={signature.pk}"))
    assert denied(redacteur_client.post(f"{BULK_APPROVE_URL}?id={signature.pk}"))
    signature.refresh_from_db()
    assert signature.state == SignatureState.CONFIRMED


def test_bulk_approve_approves_only_confirmed_signatures(moderator_client):
    confirmed = [make_signature() for _ in range(3)]
    unconfirmed = make_signature(state=SignatureState.UNCONFIRMED)
    ids = "&".join(f"id={s.pk}" for s in [*confirmed, unconfirmed])
    url = f"{BULK_APPROVE_URL}?{ids}&next={LIST_URL}"
    page = moderator_client.get(url)
    assert page.status_code == 200
    assert escape(unconfirmed.organisation_name) in page.content.decode()

    response = moderator_client.post(url)
    assert response.status_code == 302
    states = dict(
        Signature.objects.filter(pk__in=[s.pk for s in confirmed]).values_list("pk", "state")
    )
    assert set(states.values()) == {SignatureState.APPROVED}
    unconfirmed.refresh_from_db()
    assert unconfirmed.state == SignatureState.UNCONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.contact_email for s in confirmed)
    [text] = message_texts(response)
    assert text.startswith("3 ondertekeningen goedgekeurd")
    assert "1 overgeslagen" in text


def test_the_dashboard_shows_how_many_signatures_wait(moderator_client):
    for _ in range(2):
        make_signature()
    waiting = Signature.objects.awaiting_moderation().count()
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{waiting} ondertekeningen wachten op beoordeling" in html
    assert f"{LIST_URL}?state=confirmed" in html


def test_the_dashboard_says_so_when_nothing_waits(moderator_client):
    Signature.objects.awaiting_moderation().update(state=SignatureState.APPROVED)
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Er wachten geen ondertekeningen op beoordeling" in html


def test_the_dashboard_panel_is_only_for_moderators(redacteur_client):
    make_signature()
    html = redacteur_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "wachten op beoordeling" not in html


def test_resending_the_confirmation_after_a_mail_failure(moderator_client, settings):
    signature = make_signature(state=SignatureState.UNCONFIRMED)
    url = reverse(f"{NAMESPACE}:resend", args=[signature.pk])

    settings.EMAIL_BACKEND = "tests.manifest.test_signature_admin.FailingEmailBackend"
    response = moderator_client.post(url)
    assert response.status_code == 302
    signature.refresh_from_db()
    assert "onbereikbaar" in signature.confirmation_error
    assert any("kon niet worden verstuurd" in text for text in message_texts(response))

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = moderator_client.post(url)
    signature.refresh_from_db()
    assert signature.confirmation_error == ""
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [signature.contact_email]
    assert "/manifest/ondertekenen/bevestigen/" in mail.outbox[0].body
    assert any("opnieuw verstuurd" in text for text in message_texts(response))


def test_resending_is_only_for_unconfirmed_signatures(moderator_client):
    signature = make_signature()
    moderator_client.post(reverse(f"{NAMESPACE}:resend", args=[signature.pk]))
    assert not mail.outbox


def test_nobody_adds_signatures_in_the_admin(admin_client):
    assert denied(admin_client.get(reverse(f"{NAMESPACE}:add")))
    html = admin_client.get(LIST_URL).content.decode()
    assert reverse(f"{NAMESPACE}:add") not in html


def test_the_inspect_view_shows_the_signed_manifest_version(moderator_client, home_page):
    revision = home_page.save_revision()
    signature = make_signature(manifest_revision=revision, with_logo=True)
    response = moderator_client.get(reverse(f"{NAMESPACE}:inspect", args=[signature.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ondertekende versie van het manifest" in html
    assert "Logo (ingestuurd)" in html and ".max-400x400." in html  # a rendition, not the upload
    assert f"versie {revision.pk} van" in html
    assert signature.contact_email in html
    assert reverse(f"{NAMESPACE}:approve", args=[signature.pk]) in html
    edit = moderator_client.get(reverse(f"{NAMESPACE}:edit", args=[signature.pk]))
    assert reverse(f"{NAMESPACE}:reject", args=[signature.pk]) in edit.content.decode()


def test_approving_shows_the_proposal_beside_the_registry_and_takes_over_only_what_is_ticked(
    moderator_client,
):
    current = logo("huidig")
    partner = PartnerFactory(name="Zaanmeer Procestechniek", logo=current, live=True)
    signature = make_signature(
        partner=partner, with_logo=True, organisation_name="Zaanmeer Procestechniek B.V."
    )
    url = reverse(f"{NAMESPACE}:approve", args=[signature.pk])
    html = moderator_client.get(url).content.decode()
    assert "Nu in het register" in html and "Ingestuurd" in html
    assert "Neem het ingestuurde logo over" in html
    assert "Neem de ingestuurde naam over" in html

    moderator_client.post(url, {"logo": "on"})
    partner.refresh_from_db()
    assert partner.logo == signature.logo
    assert partner.name == "Zaanmeer Procestechniek"
