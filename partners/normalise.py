"""Normal forms used to recognise one organisation behind different spellings."""

import re
import unicodedata
from urllib.parse import urlsplit

# Legal forms say nothing about which organisation it is: "Kustwerk B.V." is "Kustwerk".
LEGAL_FORMS = {"bv", "nv", "vof", "cv", "ua", "ba", "bvba", "holding"}


def website_domain(url):
    """The host of a website without "www.", lower case; "" when there is none."""
    url = url or ""
    host = urlsplit(url if "://" in url else f"https://{url}").hostname or ""  # lower case
    return host.rstrip(".").removeprefix("www.")


def name_key(name):
    """An organisation name without accents, punctuation, case or legal form."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name.lower().replace(".", "")).split()
    return " ".join(word for word in words if word not in LEGAL_FORMS)
