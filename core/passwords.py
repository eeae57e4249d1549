"""Password rules next to Django's own (AUTH_PASSWORD_VALIDATORS), which accept
"Welkom123456", "wachtwoord123" and "aaaaaaaaaaaa". Django runs every validator wherever a
password is set: the admin's user forms, password change and reset, ensure_admin and
createsuperuser."""

import functools
import re
import unicodedata
from pathlib import Path

from django.core.exceptions import ValidationError

WORDS_FILE = Path(__file__).parent / "data" / "common_passwords_nl.txt"
LOOKALIKES = str.maketrans("013457@$!", "oieastasi")
# Letters in the order of the alphabet or of a keyboard row, either way.
ROWS = [
    row
    for forward in (
        "abcdefghijklmnopqrstuvwxyz",
        "qwertyuiop",
        "azertyuiop",
        "asdfghjkl",
        "zxcvbnm",
    )
    for row in (forward, forward[::-1])
]
MIN_ROW = 4


@functools.cache
def common_words():
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def core_words(password):
    """The word a password is built on, read with digits between letters as look-alike letters
    and without them: lower case, without accents, without the digits and signs before and
    after it, signs between words left out, and a word typed twice or more counted once."""
    text = unicodedata.normalize("NFKD", password.lower()).encode("ascii", "ignore").decode()
    from_first_to_last_letter = re.search(r"[a-z](?:.*[a-z])?", text, re.DOTALL)
    text = from_first_to_last_letter.group() if from_first_to_last_letter else ""
    readings = {re.sub(r"[^a-z]", "", reading) for reading in (text, text.translate(LOOKALIKES))}
    return {word[: (word + word).find(word, 1)] for word in readings}


def is_repeated(text):
    """Whether text is one part two or more times: then it is found in itself twice over, but
    not at the start or the end. Linear, unlike a regular expression, on a pasted megabyte."""
    return text in (text + text)[1:-1]


class CommonDutchPasswordValidator:
    """Refuses a password built on a common Dutch word or password (core/data), or on letters
    in a row (abcd, qwerty)."""

    def validate(self, password, user=None):
        words = core_words(password)
        in_a_row = any(len(word) >= MIN_ROW and word in row for word in words for row in ROWS)
        if words & common_words() or in_a_row:
            raise ValidationError(
                "Dit wachtwoord is te makkelijk te raden: het is een veelgebruikt woord of "
                "wachtwoord, of letters op een rij, ook met cijfers of tekens ervoor of erachter.",
                code="password_too_common",
            )

    def get_help_text(self):
        return (
            "Uw wachtwoord mag geen veelgebruikt woord of wachtwoord zijn, ook niet met cijfers "
            "of tekens ervoor of erachter."
        )


class CharacterVarietyValidator:
    """Refuses a password of a few different characters or of one part repeated."""

    def __init__(self, min_distinct=6):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        text = password.lower()
        if len(set(text)) < self.min_distinct or is_repeated(text):
            raise ValidationError(
                "Dit wachtwoord bestaat uit te weinig verschillende tekens of uit een herhaling. "
                f"Gebruik minstens {self.min_distinct} verschillende tekens.",
                code="password_too_repetitive",
            )

    def get_help_text(self):
        return (
            f"Uw wachtwoord moet minstens {self.min_distinct} verschillende tekens bevatten en "
            "mag geen herhaling zijn."
        )
