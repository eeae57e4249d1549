"""Reading the e-mails the site sends, as their recipients follow them."""

import re


def link_path(message, part):
    """The path of the first link in `message` whose path holds `part` (such as
    "/aanmelding/"): what a recipient opens, on whichever server the test runs."""
    match = re.search(r"https?://[^/\s]+(\S*" + re.escape(part) + r"\S*/)", message.body)
    assert match, f"no link with {part} in:\n{message.body}"
    return match.group(1)
