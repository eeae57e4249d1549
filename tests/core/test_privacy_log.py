"""The admin log forgets people with their records (AVG: no personal data outlives its record):
after a retention clean-up or any deletion, no entry keeps a registrant's or signer's name or
address."""

import datetime
import io
import json

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from events.models import EventSession, Registration
from manifest.models import Signature, SignatureState
from tests.core.conftest import ADDRESS, NAME, moderate, register, sign, sign_and_confirm
from tests.events.registrations import person_data

SITE_HISTORY = reverse("wagtailadmin_reports:site_history")


def entries_of(model, pk):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
    )


def log_text(entries):
    return " ".join(f"{entry.label} {json.dumps(entry.data)}" for entry in entries).lower()


def mentions_the_person(text):
    return NAME.lower() in text or ADDRESS.lower() in text


def edit_in_admin(admin_client, registration):
    response = admin_client.post(
        reverse("wagtailsnippets_events_registration:edit", args=[registration.pk]),
        {
            "state": registration.state,
            "contact_name": registration.contact_name,
            "email": registration.email,
            "persons": registration.persons,
            "pupils": 0,
            "adults": 0,
        },
    )
    assert response.status_code == 302


def test_purge_registrations_leaves_no_registrant_in_the_site_history(
    public, admin_client, family_day
):
    registration = register(public, family_day, person_data(contact_name=NAME, email=ADDRESS))
    edit_in_admin(admin_client, registration)
    assert NAME in admin_client.get(SITE_HISTORY).content.decode()
    long_ago = timezone.now() - datetime.timedelta(days=61)
    EventSession.objects.filter(event=family_day).update(
        starts_at=long_ago, ends_at=long_ago + (F("ends_at") - F("starts_at"))
    )

    call_command("purge_registrations", stdout=io.StringIO())

    entries = entries_of(Registration, registration.pk)
    assert entries.exists()
    assert not mentions_the_person(log_text(entries))
    assert entries.first().label == f"Aanmelding #{registration.pk} (verwijderd)"
    assert NAME not in admin_client.get(SITE_HISTORY).content.decode()


def test_deleting_a_registration_in_the_admin_leaves_no_registrant_in_the_log(
    public, admin_client, family_day
):
    registration = register(public, family_day, person_data(contact_name=NAME, email=ADDRESS))
    edit_in_admin(admin_client, registration)
    response = admin_client.post(
        reverse("wagtailsnippets_events_registration:delete", args=[registration.pk])
    )
    assert response.status_code == 302
    entries = entries_of(Registration, registration.pk)
    assert sorted(entries.values_list("action", flat=True)) == ["wagtail.delete", "wagtail.edit"]
    assert not mentions_the_person(log_text(entries))


def test_purge_signatures_leaves_no_signer_in_the_admin_log(public, admin_client):
    # A one-person business carries its owner's name: an unconfirmed submission for it is
    # deleted after 30 days, and the entry for the re-sent confirmation mail goes with it.
    stale = sign(public, "Piet Jansen Installaties")
    response = admin_client.post(
        reverse("wagtailsnippets_manifest_signature:resend", args=[stale.pk])
    )
    assert response.status_code == 302
    Signature.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    rejected = moderate(
        admin_client,
        sign_and_confirm(public, "Zeewind Techniek"),
        "reject",
        reason=f"Gebeld met {NAME}",
    )

    call_command("purge_signatures", stdout=io.StringIO())

    stale_entries = entries_of(Signature, stale.pk)
    assert stale_entries.exists()
    assert not mentions_the_person(log_text(stale_entries))
    rejected.refresh_from_db()
    assert rejected.state == SignatureState.REJECTED
    rejected_entries = entries_of(Signature, rejected.pk)
    assert not mentions_the_person(log_text(rejected_entries))
    # Anonymised, the organisation may stay in the log: it is not the person.
    assert "zeewind techniek" in log_text(rejected_entries)
