"""Normal forms used to recognise one organisation behind different spellings."""

import unicodedata
from urllib.parse import urlsplit

from core.text import name_key

# Legal forms say nothing about which organisation it is: "Kustwerk B.V." is "Kustwerk".
LEGAL_FORMS = {"bv", "nv", "vof", "cv", "ua", "ba", "bvba", "holding"}


def website_domain(url):
    """The host of a website without "www.", lower case; "" when there is none."""
    url = url or ""
    host = urlsplit(url if "://" in url else f"https://{url}").hostname or ""  # lower case
    return host.rstrip(".").removeprefix("www.")


def organisation_key(name):
    """An organisation name as names are compared (core.text.name_key), also without accents,
    full stops or legal form: "Kustwerk B.V." is "kustwerk"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = name_key(ascii_name.replace(".", "")).split()
    return " ".join(word for word in words if word not in LEGAL_FORMS)
