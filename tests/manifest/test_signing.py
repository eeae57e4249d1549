import smtplib
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from manifest.models import Signature, SignatureState
from manifest.signing import AlreadySigned, find_by_token, send_confirmation, sign_manifest
from partners.factories import PartnerFactory
from partners.models import Partner
from partners.normalise import name_key, website_domain
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


def test_name_key_ignores_case_accents_punctuation_and_legal_form():
    assert name_key("Kustwerk Installatietechniek B.V.") == name_key("kustwerk installatietechniek")
    assert name_key("Café Één NV") == "cafe een"


def test_signing_stores_an_unconfirmed_signature_and_a_draft_partner(db):
    signature = sign_manifest(signature_data(logo=png_upload()))
    assert signature.state == SignatureState.UNCONFIRMED
    assert not signature.partner.live
    assert signature.partner.logo.file.name.startswith("original_images/")
    assert "logo" not in signature.partner.logo.file.name  # a generated name, not the upload's


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
def test_a_second_attempt_for_the_same_organisation_is_recognised(db, overrides):
    first = sign_manifest(signature_data())
    with pytest.raises(AlreadySigned) as already:
        sign_manifest(signature_data(**overrides))
    assert already.value.partner == first.partner
    assert Signature.objects.filter(partner=first.partner).count() == 1


def test_an_existing_registry_partner_signs_without_a_duplicate(db):
    partner = PartnerFactory(name="Zaanmeer Procestechniek", website="https://zaanmeer.example.nl/")
    signature = sign_manifest(
        signature_data(
            organisation_name="Zaanmeer Procestechniek BV", website="https://zaanmeer.example.nl"
        )
    )
    assert signature.partner == partner
    assert Partner.objects.filter(name_key=name_key("Zaanmeer Procestechniek")).count() == 1


def test_a_rejected_organisation_may_sign_again(db, admin_user):
    first = sign_manifest(signature_data())
    first.confirm()
    first.reject(admin_user, "Logo onleesbaar")
    second = sign_manifest(signature_data())
    assert second.partner == first.partner
    assert second.state == SignatureState.UNCONFIRMED


def test_confirmation_mail_carries_a_single_use_token(db):
    signature = sign_manifest(signature_data())
    assert send_confirmation(signature)
    [message] = mail.outbox
    assert message.to == ["anna@kustwerk.example.nl"]
    token = message.body.split("/manifest/ondertekenen/bevestigen/")[1].split("/")[0]
    assert find_by_token(token) == signature
    assert token not in Signature.objects.get(pk=signature.pk).confirmation_token_hash


def test_a_failing_mail_server_keeps_the_submission_for_a_resend(db, settings):
    settings.EMAIL_BACKEND = "tests.manifest.test_signing.FailingSMTPBackend"
    signature = sign_manifest(signature_data())
    assert send_confirmation(signature) is False
    signature.refresh_from_db()
    assert "Connection unexpectedly closed" in signature.confirmation_error
    assert signature.state == SignatureState.UNCONFIRMED

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_confirmation(signature)
    signature.refresh_from_db()
    assert signature.confirmation_error == ""
    assert "/manifest/ondertekenen/bevestigen/" in mail.outbox[-1].body


def test_state_machine_refuses_skipping_confirmation(db, admin_user):
    from manifest.models import InvalidTransition

    signature = sign_manifest(signature_data())
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
            sign_manifest(signature_data(organisation_name="Parallel Techniek BV", website=website))
            results.append("signed")
        except AlreadySigned:
            results.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(number,)) for number in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["already"] * 9 + ["signed"]
    assert Partner.objects.filter(website_domain="parallel.example.nl").count() == 1
    assert Signature.objects.filter(partner__website_domain="parallel.example.nl").count() == 1


def test_purge_removes_stale_unconfirmed_and_anonymises_rejected(db, admin_user):
    from django.core.management import call_command

    stale = sign_manifest(signature_data(logo=png_upload()))
    Signature.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=31)
    )
    fresh = sign_manifest(
        signature_data(organisation_name="Vers BV", website="https://vers.example.nl/")
    )
    rejected = sign_manifest(
        signature_data(organisation_name="Nee BV", website="https://nee.example.nl/")
    )
    rejected.confirm()
    rejected.reject(admin_user, "Geen techniekorganisatie")

    call_command("purge_signatures", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert not Signature.objects.filter(pk=stale.pk).exists()
    assert not Partner.objects.filter(pk=stale.partner_id).exists()
    assert Signature.objects.filter(pk=fresh.pk).exists()
    rejected.refresh_from_db()
    assert (rejected.signer_name, rejected.contact_email, rejected.statement) == ("", "", "")
    assert rejected.rejection_reason == "Geen techniekorganisatie"
