"""Sections a higher app adds to a lower app's page (docs/architecture.md, "Hooks").

A campus page and a partner profile show the next events, but the calendar sits above them:
the events app registers a section for the slot "campus_page" or "partner_profile", and the
lower page renders whatever is registered with `{% page_sections "slot" object %}`, without
knowing the app behind it.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str
    # (object, request) -> template context, or None when there is nothing to show
    context: Callable[[object, object], dict | None]
    order: int = 50


_sections: dict[str, list[Section]] = defaultdict(list)


def register(slot, template, context, order=50):
    _sections[slot].append(Section(template, context, order))
    _sections[slot].sort(key=lambda section: section.order)


def for_slot(slot):
    return list(_sections[slot])
