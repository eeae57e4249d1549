"""Text that comes from outside: a search box, a form, someone else's calendar."""

import html
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import Truncator

MAX_QUERY_LENGTH = 200
SCRIPT_BLOCKS = re.compile(r"<(script|style)\b.*?(</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)


def clean_query(raw):
    """What a visitor typed into a search box: whitespace collapsed, control characters
    dropped (PostgreSQL refuses a NUL byte), at most MAX_QUERY_LENGTH characters."""
    text = "".join(" " if not char.isprintable() else char for char in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def name_key(name):
    """A name as names are compared: in any case, any run of spaces and punctuation one space
    ("Groot-Amsterdam" is "groot amsterdam", so is "Groot Amsterdam")."""
    return " ".join(re.split(r"[\W_]+", str(name).casefold())).strip()


def text_from_html(value, length=None):
    """Markup (rich text, a feed's description) as plain text: no tags (the text of scripts
    and styles dropped, not shown), entities decoded once, no invisible or control characters,
    whitespace collapsed, at most `length` characters when given."""
    text = str(value or "")
    # Tags out, entities decoded, and tags out again: markup can hide behind entities
    # (&lt;b&gt;). Decoded only once: "&amp;lt;" is the text "&lt;", not a "<".
    text = html.unescape(strip_tags(SCRIPT_BLOCKS.sub(" ", text)))
    text = strip_tags(SCRIPT_BLOCKS.sub(" ", text))
    text = "".join(
        " " if unicodedata.category(char) in BREAKS else char
        for char in text
        if not is_invisible(char)
    )
    text = " ".join(text.split())
    return Truncator(text).chars(length) if length else text


# Characters that show nothing yet are not a space: by Unicode category, format characters
# (direction overrides, zero-width characters, the soft hyphen, tag characters), private-use,
# surrogate and unassigned code points; and the letters and marks that look blank or show
# nothing (Hangul fillers, the combining grapheme joiner, variation selectors, the braille
# blank). A name made of them looks empty, or other than it is.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Co", "Cs", "Cn"})
BLANK_CHARACTERS = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)
# Controls and line or paragraph separators: a name is one line (it ends up in mail subjects).
BREAKS = frozenset({"Cc", "Zl", "Zp"})
INVISIBLE_MESSAGE = (
    "Dit veld bevat onzichtbare tekens of regeleinden, die de tekst anders laten lezen dan hij "
    "is. Typ de tekst opnieuw in plaats van hem te plakken."
)


def is_invisible(char):
    return unicodedata.category(char) in INVISIBLE_CATEGORIES or bool(BLANK_CHARACTERS.match(char))


def validate_plain_text(value, line_breaks=""):
    """What the public or staff type as a name or a title: no markup, nothing invisible, on
    one line."""
    if "<" in value or ">" in value:
        raise ValidationError("Gebruik geen < of > in dit veld.", code="markup")
    if any(
        (is_invisible(char) or unicodedata.category(char) in BREAKS) and char not in line_breaks
        for char in value
    ):
        raise ValidationError(INVISIBLE_MESSAGE, code="hidden_controls")


# What a mail program turns into a link: a scheme ("https://"), "www.", a mail address, a
# domain (a dot with two or more letters right after it: "evil.example", not "St. Jozefschool"
# or "De Regenboog 2.0"; also the ideographic full stop that domains may be written with, and
# punycode) or an IP address. Read after NFKC, which makes full-width look-alikes plain.
WEB_OR_MAIL_ADDRESS = re.compile(
    r"://|@|\bwww\.|[^\W_][.\u3002](?:[^\W\d_]{2}|xn--)|\d{1,3}(?:\.\d{1,3}){3}",
    re.IGNORECASE,
)


def validate_name(value):
    """A name the public types (a person, a school) that the site repeats in its own mails: as
    validate_plain_text, and no web or mail address. Otherwise anyone could have the site mail
    their link to any address, as if the site sent it ("Beste klant, herstel via ...")."""
    validate_plain_text(value)
    if WEB_OR_MAIL_ADDRESS.search(unicodedata.normalize("NFKC", value)):
        raise ValidationError(
            "Een naam kan geen web- of e-mailadres bevatten.", code="web_or_mail_address"
        )


def validate_plain_paragraphs(value):
    """A longer text typed into a text area: as validate_plain_text, with line breaks."""
    validate_plain_text(value, line_breaks="\r\n\t")


class PlainTextFieldsMixin:
    """For models whose names or titles staff type and the site shows: `Model.clean` (so every
    admin form) applies validate_plain_text to the fields in `plain_text_fields`."""

    plain_text_fields: tuple[str, ...] = ()

    def clean(self):
        super().clean()
        errors = {}
        for name in self.plain_text_fields:
            try:
                validate_plain_text(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)
