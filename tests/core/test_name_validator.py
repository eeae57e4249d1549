"""A name the public types goes into the site's own mails: it may not carry a link there."""

import pytest
from django.core.exceptions import ValidationError

from core.text import validate_name

ADDRESS_MESSAGE = "Een naam kan geen web- of e-mailadres bevatten."


@pytest.mark.parametrize(
    "name",
    [
        "Anna de Vries",
        "Basisschool De Kameleon",
        "St. Jozefschool",
        "OBS 't Palet",
        "Montessorischool Hoorn-Noord",
        "IKC De Zevensprong",
        "De Regenboog 2.0",
        "R.K. Basisschool De Wegwijzer",
        "O.B.S. De Klimop",
        "Mr. drs. J.P. van den Berg",
        "'s-Hertogenbosch",
        "12AB",
    ],
)
def test_real_names_pass(name):
    validate_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "klant, uw account is geblokkeerd. Herstel via https://evil.example/login",
        "Herstel via http://evil",
        "ftp://bestanden",
        "kijk op www.voorbeeld",
        "WWW.EVIL.EXAMPLE",
        "mail herstel@evil",
        "Herstel via evil.example/login",
        "Kijk op example.nl",
        "EXAMPLE.NL",
        "Herstel via evil.example.",
        # Look-alikes that mail programs still turn into links.
        "evil\uff0eexample",
        "evil\u3002example",
        "herstel\uff20evil",
        "https\uff1a//evil",
        "evil.xn--p1ai",
        "Herstel via 192.168.10.1",
    ],
)
def test_web_and_mail_addresses_are_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_name(name)
    assert refused.value.messages == [ADDRESS_MESSAGE]


def test_a_name_is_plain_text_too():
    with pytest.raises(ValidationError, match="Gebruik geen < of >"):
        validate_name("<b>Anna</b>")
