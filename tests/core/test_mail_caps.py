"""Forms cannot flood a mailbox: whatever the client IP, at most MAILS_PER_RECIPIENT_PER_HOUR
e-mails a form sends reach one address per hour, and the form answers as always."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as outbox
from django.db import connection
from django.urls import reverse

from core import mail

STAFF_ADDRESS = "redacteur@provincie.example.nl"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "redacteur", STAFF_ADDRESS, "een-lang-en-sterk-wachtwoord", is_staff=True
    )


# Within one window of the cap: it must not end halfway through a test.
pytestmark = pytest.mark.date_dependent


def test_the_admin_password_reset_mails_one_address_a_few_times_an_hour(client, staff, settings):
    answers = set()
    for attempt in range(25):
        response = client.post(
            reverse("wagtailadmin_password_reset"),
            {"email": STAFF_ADDRESS},
            REMOTE_ADDR=f"198.51.100.{attempt}",
        )
        answers.add((response.status_code, response.get("Location")))
    assert answers == {(302, reverse("wagtailadmin_password_reset_done"))}
    assert len(outbox.outbox) == settings.MAILS_PER_RECIPIENT_PER_HOUR
    assert {tuple(message.to) for message in outbox.outbox} == {(STAFF_ADDRESS,)}


def test_the_cap_counts_a_mailbox_however_its_address_is_written(db, settings):
    spellings = ["Piet@Example.nl", "piet@example.nl ", "piet+1@example.nl", "PIET+x@example.nl"]
    sent = [mail.send("Onderwerp", "Tekst", [address]) for address in spellings * 2]
    assert sum(sent) == settings.MAILS_PER_RECIPIENT_PER_HOUR
    assert mail.send("Onderwerp", "Tekst", ["iemand.anders@example.nl"]) == 1
    # Staff and the schedule are not held back.
    assert mail.send("Onderwerp", "Tekst", ["piet@example.nl"], capped=False) == 1


def test_the_counts_hold_no_address(db):
    mail.send("Onderwerp", "Tekst", ["piet@example.nl"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM core_ratelimit_cache")
        keys = [key for (key,) in cursor.fetchall()]
    assert any(":mail:" in key for key in keys)
    assert not any("piet" in key or "example" in key for key in keys)


@pytest.mark.parametrize(
    "subject", ["Aanmelding\r\nBcc: x@example.nl", "Nieuw:\n\u2028organisatie"]
)
def test_a_line_break_in_a_subject_never_stops_a_mail(db, subject):
    assert mail.send(subject, "Tekst", ["piet@example.nl"]) == 1
    assert mail.send_to_staff([get_user_model()(email="a@example.nl")], subject, "Tekst") == 1
    for message in outbox.outbox:
        assert message.subject == " ".join(subject.split())
        assert message.message()["Bcc"] is None
