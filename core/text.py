"""Text that comes from outside: a search box, a form, someone else's calendar."""

import html
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.text import Truncator

MAX_QUERY_LENGTH = 200
# Characters that reorder or hide text (bidirectional overrides and isolates, marks): a name
# such as "Acme\u202egnp.exe" would show as something it is not.
HIDDEN_CONTROLS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
SCRIPT_BLOCKS = re.compile(r"<(script|style)\b.*?(</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)


def clean_query(raw):
    """What a visitor typed into a search box: whitespace collapsed, control characters
    dropped (PostgreSQL refuses a NUL byte), at most MAX_QUERY_LENGTH characters."""
    text = "".join(" " if not char.isprintable() else char for char in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


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
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in text
        if not is_invisible(char)
    )
    text = " ".join(text.split())
    return Truncator(text).chars(length) if length else text


def validate_plain_text(value):
    """What a visitor types as a name or a short text: no markup, no invisible controls."""
    if "<" in value or ">" in value:
        raise ValidationError("Gebruik geen < of > in dit veld.", code="markup")
    if HIDDEN_CONTROLS.search(value) or any(
        unicodedata.category(char) == "Cc" and char not in "\n\r\t" for char in value
    ):
        raise ValidationError(
            "Dit veld bevat onzichtbare tekens die de tekst anders laten lezen dan hij is. "
            "Typ de tekst opnieuw in plaats van hem te plakken.",
            code="hidden_controls",
        )


# Characters that show nothing yet are not a space: format characters (soft hyphen, tag
# characters, joiners), private use, and the fillers that look blank. A name made of them
# looks empty.
BLANK_FILLERS = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def is_invisible(char):
    return unicodedata.category(char) in ("Cf", "Co") or char in BLANK_FILLERS
