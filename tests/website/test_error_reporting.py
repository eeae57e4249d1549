"""Error reports and logs carry no personal data: the Sentry scrubber, the filter
of the ADMINS e-mail, ADMINS from the environment, JSON log lines."""

import json
import logging
import os
import sys

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils.log import AdminEmailHandler

from tests.bench.server import manage
from website.errors import EMAIL_REDACTED, PrivateExceptionReporterFilter, scrub_event
from website.logs import JsonFormatter
from website.settings.env import env_admins


def sentry_event():
    """An event as sentry-sdk's Django integration builds it for a failed sign-form POST."""
    return {
        "level": "error",
        "message": "Kon bevestiging niet sturen aan jan@example.nl",
        "request": {
            "method": "POST",
            "url": "https://site.nl/manifest/ondertekenen/bevestigen/Ab3dEfGh1jKlMn0pQrStUv/",
            "query_string": "email=jan@example.nl",
            "data": {"signer_name": "Jan Jansen", "contact_email": "jan@example.nl"},
            "cookies": {"sessionid": "abc"},
            "headers": {"User-Agent": "x", "Cookie": "sessionid=abc"},
            "env": {"REMOTE_ADDR": "10.0.0.1"},
        },
        "user": {"id": "7", "email": "staff@example.nl", "ip_address": "10.0.0.1"},
        "exception": {
            "values": [
                {
                    "type": "SMTPException",
                    "value": "Recipient refused: <jan@example.nl>",
                    "stacktrace": {
                        "frames": [{"function": "send", "vars": {"email": "jan@example.nl"}}]
                    },
                }
            ]
        },
        "breadcrumbs": {"values": [{"message": "mail to Jan.Jansen+x@sub.example.org"}]},
        "extra": {"form": {"contact_email": "jan@example.nl"}},
    }


def test_sentry_events_lose_form_fields_cookies_headers_and_query():
    request = scrub_event(sentry_event())["request"]
    assert request == {
        "method": "POST",
        "url": "https://site.nl/manifest/ondertekenen/bevestigen/[weggelaten]/",
    }


def test_sentry_events_keep_only_the_users_id():
    assert scrub_event(sentry_event())["user"] == {"id": "7"}


def test_sentry_events_hold_no_e_mail_address_anywhere():
    event = scrub_event(sentry_event())
    text = json.dumps(event)
    assert "@" not in text
    assert event["message"] == f"Kon bevestiging niet sturen aan {EMAIL_REDACTED}"
    assert event["exception"]["values"][0]["value"] == f"Recipient refused: <{EMAIL_REDACTED}>"
    assert "vars" not in event["exception"]["values"][0]["stacktrace"]["frames"][0]


def test_a_slug_in_the_url_is_kept():
    event = {"request": {"method": "GET", "url": "https://site.nl/partners/techniek-noord-2030/"}}
    assert scrub_event(event)["request"]["url"] == "https://site.nl/partners/techniek-noord-2030/"


def test_admins_from_the_environment(monkeypatch):
    monkeypatch.setenv("ADMINS", "Beheer <beheer@example.nl>, ops@example.nl")
    assert env_admins() == [("Beheer", "beheer@example.nl"), ("ops@example.nl", "ops@example.nl")]
    monkeypatch.setenv("ADMINS", "")
    assert env_admins() == []
    monkeypatch.setenv("ADMINS", "Beheer")
    with pytest.raises(ImproperlyConfigured):
        env_admins()


def test_the_admins_e_mail_of_a_server_error_shows_no_posted_values(settings):
    settings.ADMINS = [("Beheer", "beheer@example.nl")]
    request = RequestFactory().post(
        "/manifest/ondertekenen/", {"contact_email": "jan@example.nl", "signer_name": "Jan"}
    )
    contact_email = "jan@example.nl"  # a local variable of the failing frame
    try:
        raise ValueError(f"failed for {contact_email[:3]}")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), None
        )
        record.exc_info = sys.exc_info()
        record.request = request
        AdminEmailHandler().emit(record)
    [message] = mail.outbox
    assert message.to == ["beheer@example.nl"]
    assert "jan@example.nl" not in message.body
    assert "contact_email" in message.body  # the field's name is kept, its value replaced
    assert PrivateExceptionReporterFilter().is_active(request)


def log_line(**extra):
    logger = logging.getLogger("tests.json")
    record = logger.makeRecord(
        "tests.json", logging.WARNING, __file__, 1, "Zoeken via %s", ("database",), None
    )
    for key, value in extra.items():
        setattr(record, key, value)
    return JsonFormatter().format(record)


def test_json_log_lines():
    line = log_line(status_code=503, request=RequestFactory().get("/"))
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "tests.json"
    assert entry["message"] == "Zoeken via database"
    assert entry["time"].endswith("+00:00")
    assert entry["status_code"] == 503
    assert "request" not in entry


def test_json_log_lines_carry_the_exception():
    formatter = JsonFormatter()
    try:
        raise RuntimeError("kapot")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "mislukt", (), sys.exc_info())
    entry = json.loads(formatter.format(record))
    assert "RuntimeError: kapot" in entry["exception"]


def test_the_settings_wire_json_logs_and_a_scrubbed_sentry_from_the_environment():
    """In a fresh interpreter, as a server starts: LOG_FORMAT=json and SENTRY_DSN."""
    code = (
        "import logging, sentry_sdk; "
        "from website.errors import scrub_event; "
        "options = sentry_sdk.get_client().options; "
        "assert options['send_default_pii'] is False; "
        "assert options['before_send'] is scrub_event; "
        "assert options['include_local_variables'] is False; "
        "logging.getLogger('tests.json').warning('hallo %s', 'wereld')"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    result = manage(
        env
        | {
            "DJANGO_SETTINGS_MODULE": "website.settings.dev",
            "LOG_FORMAT": "json",
            # Nothing listens there; no event is sent anyway.
            "SENTRY_DSN": "http://public@127.0.0.1:9/1",
        },
        "shell",
        "-c",
        code,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "tests.json" in line]
    assert json.loads(line)["message"] == "hallo wereld"


def test_an_alert_link_token_in_the_url_is_removed():
    token = "12-" + "ca97" * 16
    event = {"request": {"method": "GET", "url": f"https://site.nl/meldingen/beheren/{token}/"}}
    assert scrub_event(event)["request"]["url"] == "https://site.nl/meldingen/beheren/[weggelaten]/"
