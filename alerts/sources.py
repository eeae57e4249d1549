"""Alert sources: the listings a visitor can follow by e-mail.

`alerts` sits below the apps whose listings it follows, so it knows none of them: each
registers an `AlertSource` for the hook `alert_sources` (the agenda in `events`, the directory
in `partners`). A source turns a saved selection (the query string of its public page) into a
label and later into the items new since a moment; alerts stores, schedules, mails and
unsubscribes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from wagtail import hooks

from core.links import absolute_url, live_page_url


@dataclass(frozen=True)
class AlertItem:
    """One new thing in a digest, as the mail shows it."""

    key: str  # stable across runs, e.g. "event:12": what was sent is recorded by it
    title: str
    url: str  # absolute
    summary: str = ""
    details: list[str] = field(default_factory=list)  # short lines: when, where, what kind


@dataclass(frozen=True)
class Selection:
    """A saved filter: the canonical query string (valid filters only) and its Dutch label."""

    query: str
    label: str


@dataclass(frozen=True)
class AlertSource:
    key: str  # stored on each subscription; never change it once used
    name: str  # the listing as a sentence names it: "de agenda", "de partnergids"
    # The listing's GET parameters -> the selection to save; invalid and unknown values and
    # what is not a filter (page, sort, view) are left out.
    selection: Callable[[object], Selection]
    # (saved query string, moment) -> the items published after that moment that match.
    new_items: Callable[[str, datetime], list[AlertItem]]
    # (request or None, saved query string) -> the URL of the page that shows the selection;
    # absolute when request is None (for mails). Empty when the page does not exist.
    page_url: Callable[[object, str], str]
    # One new item and more, as a digest counts them: ("nieuw evenement", "nieuwe evenementen").
    new_item_words: tuple[str, str]

    def news(self, count):
        """What a digest brings, in words: "1 nieuw evenement in uw selectie van de agenda"."""
        singular, plural = self.new_item_words
        return f"{count} {singular if count == 1 else plural} in uw selectie van {self.name}"


def get_source(key):
    return next((source for source in hooks.get_hooks("alert_sources") if source.key == key), None)


def page_link(request, url):
    """`url` as a source's `page_url` gives it: a full URL for mails (no request)."""
    return absolute_url(url) if url and request is None else url


def listing_url(page_model):
    """A source's `page_url` for the listing page of `page_model`: the page with the saved
    selection as its query string."""

    def page_url(request, query):
        base = page_link(request, live_page_url(page_model))
        return f"{base}?{query}" if base and query else base

    return page_url
