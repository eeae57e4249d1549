"""The Dutch admin addresses its users in one form, the formal "u": Wagtail's own catalogs say
"je", "jij" or "jouw" in about a hundred texts, which locale/nl/LC_MESSAGES/django.po
translates again. Every text of Wagtail's Dutch catalogs is looked up as Django does, so a
Wagtail upgrade that brings new "je" texts fails here."""

import ast
import re
from pathlib import Path

import wagtail
from django.urls import reverse
from django.utils import translation

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$")


def wagtail_messages():
    """(msgctxt, msgid, msgid_plural) of every entry in Wagtail's Dutch django.po files."""
    messages = set()
    for po in Path(wagtail.__file__).parent.rglob("locale/nl/LC_MESSAGES/django.po"):
        entry, field = {}, None
        for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
            line = line.strip()
            match = KEYWORD.match(line)
            if match:
                field, value = match.group(1), ast.literal_eval(match.group(2))
                if field in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                    messages.add((entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")))
                    entry = {}
                entry[field] = value
            elif line.startswith('"') and field:
                entry[field] += ast.literal_eval(line)
        if "msgid" in entry:
            messages.add((entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")))
    messages.discard((None, "", None))
    return messages


def translations(context, msgid, plural):
    if plural is None:
        if context is None:
            return [translation.gettext(msgid)]
        return [translation.pgettext(context, msgid)]
    if context is None:
        return [translation.ngettext(msgid, plural, n) for n in (1, 2)]
    return [translation.npgettext(context, msgid, plural, n) for n in (1, 2)]


def test_wagtail_catalogs_are_read():
    messages = wagtail_messages()
    assert len(messages) > 1000
    assert (None, "Are you sure you want to delete these pages?", None) in messages


def test_the_dutch_admin_says_u_never_je():
    informal = []
    with translation.override("nl"):
        for context, msgid, plural in sorted(wagtail_messages(), key=str):
            for text in translations(context, msgid, plural):
                if INFORMAL.search(text):
                    informal.append(f"{msgid!r} -> {text!r}")
    assert not informal, f"{len(informal)} texts say je/jij/jouw:\n" + "\n".join(informal)


def test_the_admin_scripts_say_u_too(admin_client):
    """Wagtail's JavaScript catalog, as the admin's scripts load it in Dutch."""
    with translation.override("nl"):
        catalog = admin_client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "Weet u het zeker?" in catalog
    assert not INFORMAL.findall(catalog)
