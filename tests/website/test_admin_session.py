"""Staff sessions end after ADMIN_SESSION_IDLE_MINUTES without a request
(website.middleware.AdminSessionIdleMiddleware)."""

import time

import pytest
from django.urls import reverse

from tests.roles import PASSWORD, REDACTEUR, user_with_role
from website.middleware import AdminSessionIdleMiddleware

KEY = AdminSessionIdleMiddleware.SESSION_KEY


@pytest.fixture
def editor_client(redacteur_client):
    assert redacteur_client.get(reverse("wagtailadmin_home")).status_code == 200
    return redacteur_client


def idle_for(client, minutes):
    session = client.session
    session[KEY] = int(time.time()) - minutes * 60
    session.save()


def test_an_idle_session_is_logged_out(editor_client, settings):
    idle_for(editor_client, settings.ADMIN_SESSION_IDLE_MINUTES + 1)
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in editor_client.session
    login = editor_client.get(response["Location"])
    assert "U bent uitgelogd omdat u 30 minuten niets heeft gedaan" in login.content.decode()


def test_a_session_in_use_stays_and_is_renewed(editor_client, settings):
    idle_for(editor_client, settings.ADMIN_SESSION_IDLE_MINUTES - 1)
    assert editor_client.get(reverse("wagtailadmin_home")).status_code == 200
    assert time.time() - editor_client.session[KEY] < 60
    assert editor_client.session.get_expiry_age() <= (settings.ADMIN_SESSION_IDLE_MINUTES + 1) * 60


def test_the_idle_time_comes_from_the_settings(editor_client, settings):
    settings.ADMIN_SESSION_IDLE_MINUTES = 5
    idle_for(editor_client, 6)
    assert editor_client.get(reverse("wagtailadmin_home")).status_code == 302


def test_the_idle_clock_starts_at_log_in(redacteur_client):
    assert time.time() - redacteur_client.session[KEY] < 60


def test_a_log_in_without_remember_me_still_ends_with_the_browser(client, db):
    user_with_role(REDACTEUR, "redacteur")
    client.post(reverse("wagtailadmin_login"), {"username": "redacteur", "password": PASSWORD})
    assert client.session.get_expire_at_browser_close()
    idle_for(client, 2)  # the next request renews the idle clock
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert time.time() - client.session[KEY] < 60
    assert client.session.get_expire_at_browser_close()


@pytest.mark.parametrize("method", ["get", "post"])
def test_logging_out_ends_the_session_whatever_the_method(editor_client, settings, method):
    old_session = editor_client.cookies[settings.SESSION_COOKIE_NAME].value
    response = getattr(editor_client, method)(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_login")
    # The old cookie, kept by whoever had it, opens nothing any more.
    editor_client.cookies[settings.SESSION_COOKIE_NAME] = old_session
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
