"""Two-factor login for the admin (website/two_factor.py): required for superusers and every
role (TWO_FACTOR_REQUIRED_GROUPS) when REQUIRE_2FA is on; codes computed here from the device's
key, as an authenticator app does."""

import io
import secrets

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.roles import CAMPUSCOORDINATOR, MODERATOR, REDACTEUR, user_with_role
from tests.servers import manage_in_production
from website.two_factor import new_backup_codes

ADMIN = "wagtailadmin_home"


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.REQUIRE_2FA = True


def code(device, steps_ahead=0):
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{token:0{device.digits}d}"


def wrong_code(device):
    return f"{(int(code(device)) + 1) % 10**device.digits:0{device.digits}d}"


def with_app(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)


def test_a_moderator_without_an_app_is_sent_to_set_it_up(client, moderator):
    client.force_login(moderator)
    for name in (ADMIN, "wagtailadmin_explore_root", "two_factor_verify"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("two_factor_setup"))


@pytest.mark.parametrize("role", [MODERATOR, REDACTEUR, CAMPUSCOORDINATOR])
def test_setting_up_the_app_lets_each_role_in(client, role, campus):
    user = user_with_role(role, "medewerker", [campus])
    client.force_login(user)
    # Only a password: every admin page sends them to set up the app first.
    assert client.get(reverse(ADMIN))["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(reverse("two_factor_setup"), {"next": reverse(ADMIN)})
    assert page.status_code == 200
    assert "Tweestapsverificatie instellen" in page.content.decode()
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    refused = client.post(reverse("two_factor_setup"), {"token": wrong_code(device)})
    assert refused.status_code == 400
    assert "Deze code klopt niet" in refused.content.decode()
    assert client.get(reverse(ADMIN)).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # as if the wait after a wrong code had passed

    done = client.post(reverse("two_factor_setup"), {"token": code(device), "next": reverse(ADMIN)})
    assert done.status_code == 200
    codes = [token.token for token in StaticToken.objects.filter(device__user=user)]
    assert len(codes) == 10
    assert all(backup in done.content.decode() for backup in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse(ADMIN)).status_code == 200


def test_a_moderator_with_an_app_enters_a_code_at_each_log_in(client, moderator):
    device = with_app(moderator)
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    # Adding another app takes the code of the first.
    setup = client.get(reverse("two_factor_setup"))
    assert setup["Location"].startswith(reverse("two_factor_verify"))

    refused = client.post(reverse("two_factor_verify"), {"token": wrong_code(device)})
    assert refused.status_code == 400
    assert "Deze code klopt niet" in refused.content.decode()
    assert client.get(reverse(ADMIN)).status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # as if the wait after a wrong code had passed

    verified = client.post(
        reverse("two_factor_verify"),
        {"token": code(device), "next": reverse("wagtailadmin_explore_root")},
    )
    assert verified["Location"] == reverse("wagtailadmin_explore_root")
    assert client.get(reverse(ADMIN)).status_code == 200


def test_a_backup_code_works_once(client, moderator):
    with_app(moderator)
    backup = new_backup_codes(moderator)[0]
    client.force_login(moderator)
    assert client.post(reverse("two_factor_verify"), {"token": backup}).status_code == 302
    assert client.get(reverse(ADMIN)).status_code == 200
    client.logout()
    client.force_login(moderator)
    assert client.post(reverse("two_factor_verify"), {"token": backup}).status_code == 400


def test_codes_are_refused_after_a_wrong_one_until_the_wait_is_over(client, moderator):
    device = with_app(moderator)
    client.force_login(moderator)
    client.post(reverse("two_factor_verify"), {"token": wrong_code(device)})
    assert client.post(reverse("two_factor_verify"), {"token": code(device)}).status_code == 400


def test_a_next_address_elsewhere_is_not_followed(client, moderator):
    device = with_app(moderator)
    client.force_login(moderator)
    response = client.post(
        reverse("two_factor_verify"), {"token": code(device), "next": "https://example.com/"}
    )
    assert response["Location"] == reverse(ADMIN)


def test_superusers_need_the_second_factor_too(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("beheer", password="x"))
    assert client.get(reverse(ADMIN))["Location"].startswith(reverse("two_factor_setup"))


def test_the_required_groups_can_be_relaxed(redacteur_client, settings):
    settings.TWO_FACTOR_REQUIRED_GROUPS = [MODERATOR]
    assert redacteur_client.get(reverse(ADMIN)).status_code == 200


def test_production_requires_it_of_every_role_unless_relaxed():
    script = "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED_GROUPS)"
    key = secrets.token_urlsafe(64)
    default = manage_in_production("shell", "-c", script, SECRET_KEY=key).stdout
    assert all(repr(role) in default for role in (REDACTEUR, MODERATOR, CAMPUSCOORDINATOR))
    relaxed = manage_in_production(
        "shell", "-c", script, SECRET_KEY=key, TWO_FACTOR_REQUIRED_GROUPS="Moderator"
    )
    assert relaxed.stdout.split()[-1] == "['Moderator']"


def test_without_require_2fa_nobody_is_asked(client, moderator, settings):
    settings.REQUIRE_2FA = False
    client.force_login(moderator)
    assert client.get(reverse(ADMIN)).status_code == 200


def test_the_public_site_does_not_ask(client, moderator, home_page):
    client.force_login(moderator)
    assert client.get(home_page.url).status_code == 200


def test_reset_two_factor_sends_the_user_to_set_up_again(client, moderator):
    with_app(moderator)
    new_backup_codes(moderator)
    call_command("reset_two_factor", "moderator", stdout=io.StringIO())
    client.force_login(moderator)
    assert client.get(reverse(ADMIN))["Location"].startswith(reverse("two_factor_setup"))
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "niemand")


def test_logging_out_needs_no_code(client, moderator):
    with_app(moderator)
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_logout"))
    assert response["Location"] == reverse("wagtailadmin_login")
    assert "_auth_user_id" not in client.session
