"""Signing: a submission is a proposal that changes nothing public until a person confirmed
it and a moderator approved it; an open submission claims nothing, and a rejected approval
is undone."""

import smtplib
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.images.models import Image

from core.tokens import hash_token
from manifest.models import InvalidTransition, Signature, SignatureState
from manifest.signing import (
    PROPOSED_LOGO_COLLECTION,
    AlreadySigned,
    send_confirmation,
    sign_manifest,
)
from partners.factories import PartnerFactory
from partners.logos import LOGO_COLLECTION
from partners.models import Partner
from partners.normalise import organisation_key, website_domain
from tests.images import png_upload


def signature_data(**overrides):
    return {
        "organisation_name": "Kustwerk Installatietechniek B.V.",
        "kind": "bedrijfsleven",
        "website": "https://www.kustwerk.example.nl/",
        "signer_name": "Anna de Vries",
        "signer_role": "Directeur",
        "statement": "Omdat vakmensen de energietransitie maken.",
        "contact_email": "anna@kustwerk.example.nl",
        "logo": None,
    } | overrides


def sign(**overrides):
    signature, _ = sign_manifest(signature_data(**overrides))
    return signature


class FailingSMTPBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.Kustwerk.example.nl/over-ons", "kustwerk.example.nl"),
        ("http://kustwerk.example.nl", "kustwerk.example.nl"),
        ("kustwerk.example.nl", "kustwerk.example.nl"),
        ("", ""),
    ],
)
def test_website_domain(url, domain):
    assert website_domain(url) == domain


def test_organisation_key_ignores_case_accents_punctuation_and_legal_form():
    assert organisation_key("Kustwerk Installatietechniek B.V.") == organisation_key(
        "kustwerk installatietechniek"
    )
    assert organisation_key("Café Één NV") == "cafe een"


def test_a_submission_is_stored_as_a_proposal_and_adds_nobody_to_the_registry(db):
    partners = Partner.objects.count()
    signature = sign(logo=png_upload())
    assert signature.state == SignatureState.UNCONFIRMED
    assert signature.partner is None
    assert Partner.objects.count() == partners
    assert signature.logo.collection.name == PROPOSED_LOGO_COLLECTION
    assert signature.logo.file.name.startswith("original_images/")
    assert "logo" not in signature.logo.file.name  # a generated name, not the upload's


def test_a_proposal_for_a_published_partner_changes_nothing_public(client, db, admin_user):
    """Before: signing with the name of a partner without a logo put the logo on its profile."""
    partner = PartnerFactory(name="Zaanmeer Procestechniek", website="https://zaanmeer.example.nl/")
    partner.save_revision().publish()
    profile = partner.get_absolute_url()
    before = client.get(profile).content.decode()

    signature = sign(organisation_name="Zaanmeer Procestechniek BV", logo=png_upload())
    signature.confirm()
    partner.refresh_from_db()
    assert signature.partner == partner
    assert partner.logo is None
    assert client.get(profile).content.decode() == before

    signature.approve(admin_user)  # nothing ticked: the registry keeps its own values
    partner.refresh_from_db()
    assert partner.logo is None
    assert partner.signatures.approved().get() == signature


def test_a_moderator_may_take_the_proposed_logo_over(db, admin_user):
    partner = PartnerFactory(name="Zaanmeer Procestechniek", website="https://zaanmeer.example.nl/")
    signature = sign(organisation_name="Zaanmeer Procestechniek", logo=png_upload())
    signature.confirm()
    assert [field for field, _, _ in signature.proposed_changes()] == ["logo", "website"]
    signature.approve(admin_user, accept={"logo"})
    partner.refresh_from_db()
    assert partner.live
    assert partner.logo == signature.logo
    assert partner.website == "https://zaanmeer.example.nl/"
    assert partner.logo.collection.name == LOGO_COLLECTION


def test_an_open_submission_blocks_nobody_and_reveals_nothing(db):
    """Before: an unconfirmed submission claimed the name for 30 days."""
    squatter = sign(contact_email="iemand@elders.example.nl", signer_name="Iemand Anders")
    real = sign(contact_email="anna@kustwerk.example.nl")
    assert real.pk != squatter.pk
    assert (
        Signature.objects.filter(
            organisation_key=organisation_key("Kustwerk Installatietechniek")
        ).count()
        == 2
    )


def test_the_same_person_submitting_twice_is_one_submission(db):
    first, created = sign_manifest(signature_data())
    again, created_again = sign_manifest(signature_data(statement="Toch iets anders"))
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk


@pytest.mark.parametrize(
    "overrides",
    [
        {"organisation_name": "Iets heel anders"},  # same website domain
        {
            "website": "https://kustwerk-ander-domein.example.nl/",
            "organisation_name": "KUSTWERK installatietechniek",
        },
    ],
)
def test_a_public_signatory_is_recognised(db, admin_user, overrides):
    first = sign()
    first.confirm()
    first.approve(admin_user)
    with pytest.raises(AlreadySigned) as already:
        sign_manifest(signature_data(contact_email="iemand@elders.example.nl", **overrides))
    assert already.value.partner == first.partner


def test_approving_a_new_organisation_adds_it_to_the_registry(db, admin_user):
    signature = sign(logo=png_upload())
    signature.confirm()
    signature.approve(admin_user)
    partner = signature.partner
    assert partner.live and partner.name == "Kustwerk Installatietechniek B.V."
    assert partner.logo == signature.logo
    assert partner.logo.collection.name == LOGO_COLLECTION
    assert signature.created_partner


def test_rejecting_an_approval_takes_the_organisation_off_the_site(client, db, admin_user):
    """Before: the profile stayed live, with the logo, after the approval was rejected."""
    signature = sign(logo=png_upload())
    signature.confirm()
    signature.approve(admin_user)
    profile = signature.partner.get_absolute_url()
    assert client.get(profile).status_code == 200
    logo_pk = signature.logo_id

    signature.reject(admin_user, "Geen techniekorganisatie")
    signature.partner.refresh_from_db()
    assert not signature.partner.live
    assert client.get(profile).status_code == 404
    assert not Image.objects.filter(pk=logo_pk).exists()


def test_rejecting_an_approval_puts_back_what_it_took_over(db, admin_user):
    old_logo = Image.objects.create(title="Oud logo", file=png_upload(name="oud.png"))
    partner = PartnerFactory(name="Zaanmeer Procestechniek", logo=old_logo)
    partner.save_revision().publish()
    signature = sign(organisation_name="Zaanmeer Procestechniek", logo=png_upload())
    signature.confirm()
    signature.approve(admin_user, accept={"logo"})
    signature.reject(admin_user, "Verkeerd logo")
    partner.refresh_from_db()
    assert partner.live
    assert partner.logo == old_logo


def test_a_rejected_organisation_may_sign_again(db, admin_user):
    first = sign()
    first.confirm()
    first.reject(admin_user, "Logo onleesbaar")
    second = sign()
    assert second.pk != first.pk
    assert second.state == SignatureState.UNCONFIRMED


def test_confirmation_mail_carries_a_single_use_token(db):
    signature = sign()
    assert send_confirmation(signature)
    [message] = mail.outbox
    assert message.to == ["anna@kustwerk.example.nl"]
    token = message.body.split("/manifest/ondertekenen/bevestigen/")[1].split("/")[0]
    assert Signature.objects.get(confirmation_token_hash=hash_token(token)) == signature
    assert token not in Signature.objects.get(pk=signature.pk).confirmation_token_hash


def test_a_failing_mail_server_keeps_the_submission_for_a_resend(db, settings):
    settings.EMAIL_BACKEND = "tests.manifest.test_signing.FailingSMTPBackend"
    signature = sign()
    assert send_confirmation(signature) is False
    signature.refresh_from_db()
    assert "Connection unexpectedly closed" in signature.confirmation_error
    assert signature.state == SignatureState.UNCONFIRMED

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_confirmation(signature)
    signature.refresh_from_db()
    assert signature.confirmation_error == ""
    assert "/manifest/ondertekenen/bevestigen/" in mail.outbox[-1].body


def test_without_a_live_manifest_page_the_mail_failure_is_recorded(db, home_page):
    home_page.get_children().get(slug="manifest").specific.unpublish()
    signature = sign()
    assert send_confirmation(signature) is False
    signature.refresh_from_db()
    assert "no live manifest page" in signature.confirmation_error


def test_state_machine_refuses_skipping_confirmation(db, admin_user):
    signature = sign()
    with pytest.raises(InvalidTransition):
        signature.approve(admin_user)
    signature.confirm()
    with pytest.raises(InvalidTransition):
        signature.confirm()
    with pytest.raises(InvalidTransition):
        signature.reject(admin_user, "   ")
    signature.approve(admin_user)
    signature.partner.refresh_from_db()
    assert signature.partner.live
    assert signature.moderated_by == admin_user


def test_ten_parallel_submissions_for_one_organisation_create_one_signature(transactional_db):
    results, barrier = [], threading.Barrier(10)

    def submit(number):
        try:
            barrier.wait()
            website = (
                "https://www.parallel.example.nl/" if number % 2 else "https://parallel.example.nl"
            )
            _, created = sign_manifest(
                signature_data(organisation_name="Parallel Techniek BV", website=website)
            )
            results.append("stored" if created else "same")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(number,)) for number in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["same"] * 9 + ["stored"]
    assert (
        Signature.objects.filter(organisation_key=organisation_key("Parallel Techniek")).count()
        == 1
    )
    assert not Partner.objects.filter(website_domain="parallel.example.nl").exists()


def test_purge_removes_stale_unconfirmed_and_anonymises_rejected(db, admin_user):
    stale = sign(logo=png_upload())
    stale_logo = stale.logo_id
    Signature.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=31)
    )
    fresh = sign(organisation_name="Vers BV", website="https://vers.example.nl/")
    rejected = sign(organisation_name="Nee BV", website="https://nee.example.nl/")
    rejected.confirm()
    rejected.reject(admin_user, "Geen techniekorganisatie, zegt Jan de Vries")

    call_command("purge_signatures", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert not Signature.objects.filter(pk=stale.pk).exists()
    assert not Image.objects.filter(pk=stale_logo).exists()
    assert Signature.objects.filter(pk=fresh.pk).exists()
    rejected.refresh_from_db()
    assert (rejected.signer_name, rejected.contact_email, rejected.statement) == ("", "", "")
    assert rejected.rejection_reason == ""
    assert rejected.organisation_name == "Nee BV"
