"""Lock-out after failed admin logins (django-axes, website/login_attempts.py): per user name
and address, and per address; a successful login forgives nothing. The page password form
has a limit per address too."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.roles import PASSWORD
from website.factories import StandardPageFactory

ATTACKER = "203.0.113.7"
OTHER = "198.51.100.20"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("hoofdredactie", password=PASSWORD)


def log_in(client, username, password, address=ATTACKER, **extra):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def logged_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_wrong_passwords_then_the_right_one_does_not_log_in(client, editor, settings):
    # The password-guessing attack this guards against tried 60 passwords; twice the limit
    # shows the same.
    for attempt in range(2 * settings.AXES_FAILURE_LIMIT):
        log_in(client, "hoofdredactie", f"raden-{attempt}")
    response = log_in(client, "hoofdredactie", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(response)
    text = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in text
    assert "Probeer het over 30 minuten opnieuw" in text
    assert response["Retry-After"] == str(30 * 60)


def test_the_lock_out_starts_at_the_failure_limit(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "hoofdredactie", f"raden-{attempt}")
    assert logged_in(log_in(client, "hoofdredactie", PASSWORD))
    client.logout()
    log_in(client, "hoofdredactie", "nog-een-keer-raden")
    assert log_in(client, "hoofdredactie", PASSWORD).status_code == 429


def test_a_locked_user_can_still_log_in_from_another_address(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "hoofdredactie", f"raden-{attempt}")
    assert logged_in(log_in(client, "hoofdredactie", PASSWORD, address=OTHER))


def test_many_user_names_from_one_address_lock_the_address(client, editor, settings):
    # Below the per-user limit for each name, over the per-address limit in total.
    for attempt in range(settings.AXES_IP_FAILURE_LIMIT):
        log_in(client, f"gebruiker-{attempt}", "wachtwoord")
    assert log_in(client, "hoofdredactie", PASSWORD).status_code == 429
    assert logged_in(log_in(client, "hoofdredactie", PASSWORD, address=OTHER))


def test_logging_in_to_an_own_account_between_guesses_resets_nothing(
    client, editor, django_user_model, settings
):
    django_user_model.objects.create_user("aanvaller", password="Eigen-account-wachtwoord-1")
    per_name = settings.AXES_FAILURE_LIMIT - 1
    for round_ in range(-(-settings.AXES_IP_FAILURE_LIMIT // per_name)):
        for guess in range(per_name):
            log_in(client, f"slachtoffer-{round_}", f"raden-{guess}")
        # The attacker's own account, between guesses, to wipe the count if it could.
        log_in(client, "aanvaller", "Eigen-account-wachtwoord-1")
        client.logout()
    assert log_in(client, "aanvaller", "Eigen-account-wachtwoord-1").status_code == 429
    assert log_in(client, "hoofdredactie", PASSWORD).status_code == 429


def test_behind_a_proxy_the_forwarded_client_is_locked_not_the_proxy(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"address": "10.0.0.1"}
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "hoofdredactie", f"raden-{attempt}", HTTP_X_FORWARDED_FOR=ATTACKER, **proxy)
    locked = log_in(client, "hoofdredactie", PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER, **proxy)
    assert locked.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    assert logged_in(log_in(client, "hoofdredactie", PASSWORD, HTTP_X_FORWARDED_FOR=OTHER, **proxy))


def test_the_lock_out_ends_after_the_cool_off_time(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "hoofdredactie", f"raden-{attempt}")
    assert log_in(client, "hoofdredactie", PASSWORD).status_code == 429
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
        attempt.save()
    assert logged_in(log_in(client, "hoofdredactie", PASSWORD))


# Within one window of the rate limit: it must not end halfway through the test.
@pytest.mark.date_dependent
def test_a_page_password_is_limited_like_the_login(client, home_page, settings):
    page = StandardPageFactory(parent=home_page, title="Besloten werkgroep")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="Juiste-wachtwoord"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])

    def try_password(password, address=ATTACKER):
        return client.post(url, {"password": password, "return_url": page.url}, REMOTE_ADDR=address)

    for attempt in range(settings.PAGE_PASSWORD_ATTEMPTS_PER_HOUR):
        assert try_password(f"raden-{attempt}").status_code == 200
    response = try_password("Juiste-wachtwoord")
    assert response.status_code == 429
    assert "Even geduld" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert try_password("Juiste-wachtwoord", address=OTHER)["Location"] == page.url
