"""Weak passwords (core/passwords.py) are refused wherever a password is set: the rules
themselves, ensure_admin, the admin's user forms, the own password change and a reset."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.roles import PASSWORD, REDACTEUR, user_with_role

# The three that Django's own rules accepted, then variants of the same idea.
WEAK = ["aaaaaaaaaaaa", "wachtwoord123", "Welkom123456"]
ALSO_WEAK = [
    "Voetbal-2024!!",
    "W3lk0m2024!!",
    "P@ssw0rd2024!",
    "Zomer2025zomer",
    "welkomwelkom1",
    "ajax-ajax-2024",
    "Geheim!Geheim!",
    "Abcdefghijkl1",
    "qwertyuiop12!",
    "ababababababab",
    "112211221122",
]
STRONG = ["Lang-en-geheim-wachtwoord-2030", "Zomer 2024 was heel warm!", "Kx9#pLm2Qw7!vR"]
COMMON = "veelgebruikt woord of wachtwoord"
REPEATED = "te weinig verschillende tekens of uit een herhaling"
NEW = "Nieuw-en-sterk-wachtwoord-7"


@pytest.mark.parametrize("weak", WEAK + ALSO_WEAK)
def test_weak_passwords_are_refused_in_dutch(weak):
    with pytest.raises(ValidationError) as refused:
        validate_password(weak)
    assert COMMON in str(refused.value.messages) or REPEATED in str(refused.value.messages)


@pytest.mark.parametrize("strong", STRONG)
def test_strong_passwords_pass(strong):
    validate_password(strong)


def test_the_rules_explain_themselves_in_the_user_form(admin_client):
    html = admin_client.get(reverse("wagtailusers_users:add")).content.decode()
    assert "geen veelgebruikt woord of wachtwoord" in html
    assert "minstens 6 verschillende tekens" in html


@pytest.mark.parametrize("weak", WEAK)
def test_ensure_admin_refuses_them(db, settings, weak):
    settings.ADMIN_PASSWORD = weak
    with pytest.raises(CommandError, match="ADMIN_PASSWORD is too weak"):
        call_command("ensure_admin")
    assert not get_user_model().objects.filter(username="admin").exists()


def new_user(password):
    return {
        "username": "nieuwe-redacteur",
        "email": "redacteur@example.nl",
        "first_name": "Sanne",
        "last_name": "Bakker",
        "password1": password,
        "password2": password,
    }


@pytest.mark.parametrize("password", [*WEAK, NEW])
def test_the_admin_creates_no_user_with_a_weak_password(admin_client, password):
    response = admin_client.post(reverse("wagtailusers_users:add"), new_user(password))
    created = get_user_model().objects.filter(username="nieuwe-redacteur").exists()
    assert created == (password == NEW)
    if not created:
        assert response.status_code == 200
        assert COMMON in response.content.decode() or REPEATED in response.content.decode()


@pytest.mark.parametrize("password", [*WEAK, NEW])
def test_the_admin_sets_no_weak_password_on_an_existing_user(admin_client, password):
    user = user_with_role(REDACTEUR, "nieuwe-redacteur")
    data = new_user(password) | {"is_active": "on", "groups": [user.groups.get().pk]}
    admin_client.post(reverse("wagtailusers_users:edit", args=[user.pk]), data)
    user.refresh_from_db()
    assert user.check_password(password) == (password == NEW)


@pytest.mark.parametrize("password", [*WEAK, NEW])
def test_no_weak_password_in_ones_own_account(client, db, password):
    user = user_with_role(REDACTEUR, "redacteur")
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            # The page saves all its settings at once; these are the required ones.
            "name_email-first_name": "Sanne",
            "name_email-last_name": "Bakker",
            "name_email-email": "redacteur@example.nl",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
            "password-old_password": PASSWORD,
            "password-new_password1": password,
            "password-new_password2": password,
        },
    )
    user.refresh_from_db()
    assert user.check_password(password) == (password == NEW)
    if password != NEW:
        assert COMMON in response.content.decode() or REPEATED in response.content.decode()


@pytest.mark.parametrize("password", [*WEAK, NEW])
def test_no_weak_password_through_a_reset_link(client, db, password):
    user = user_with_role(REDACTEUR, "redacteur")
    link = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    form_url = client.get(link)["Location"]  # Django moves the token into the session
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    user.refresh_from_db()
    assert user.check_password(password) == (password == NEW)
    if password != NEW:
        assert response.status_code == 200
        assert COMMON in response.content.decode() or REPEATED in response.content.decode()
