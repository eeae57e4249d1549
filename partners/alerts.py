"""The partner directory as an alert source (alerts/sources.py): a visitor follows a search
with facets and hears of partners published after they subscribed. The directory's own facets
(with those apps above add) decide what matches, as they do in the search index."""

from urllib.parse import urlencode

from django.http import QueryDict

from alerts.sources import AlertItem, AlertSource, Selection, listing_url
from core.links import absolute_url
from core.text import clean_query
from search.backends.database import DatabaseBackend
from search.port import words

from .models import (
    Partner,
    PartnerIndexPage,
    directory_facets,
    filtered_partners,
    place_params,
)

LABEL_WORDS_LENGTH = 60


def saved_filters(params):
    """The words of `params` and [(facet, {value: label}), ...] of its known facet values; a
    place is saved as its region, as the directory reads it."""
    params = place_params(params)[0]
    chosen = []
    for facet in (directory_facet.facet for directory_facet in directory_facets()):
        values = params.getlist(facet.param)
        labels = facet.labels() if values else {}
        known = {value: labels[value] for value in sorted(set(values)) if value in labels}
        if known:
            chosen.append((facet, known))
    return clean_query(params.get("q")), chosen


def label_words(text):
    """The words of a search as the label shows them, also in the confirmation mail to an
    address the visitor typed: letters and digits only, short, so the form cannot be used to
    mail someone a link or a message."""
    return " ".join(words(text))[:LABEL_WORDS_LENGTH].strip()


def selection(params):
    # The directory has no filter form of its own: its facets are read from the parameters.
    text, chosen = saved_filters(params)
    pairs = [("q", text)] if text else []
    parts = [f"zoekwoorden “{label_words(text)}”"] if text else []
    for facet, known in chosen:
        pairs += [(facet.param, value) for value in known]
        parts.append(f"{facet.label.lower()} {' of '.join(known.values())}")
    label = "Partnergids" + (": " + ", ".join(parts) if parts else " (alle partners)")
    return Selection(query=urlencode(pairs), label=label)


def new_items(query, since):
    """Live partners first published after `since` that match the saved search: every facet
    has one of its chosen values (as the directory combines them) and the words match."""
    text, chosen = saved_filters(QueryDict(query))
    partners = filtered_partners({facet.param: list(known) for facet, known in chosen})
    partners = partners.filter(first_published_at__gt=since)
    if text:
        # The search backends filter only on indexed fields (the id is one): hand them the
        # candidates by id.
        candidates = Partner.objects.filter(pk__in=list(partners.values_list("pk", flat=True)))
        partners = partners.filter(pk__in=DatabaseBackend.matching_ids(candidates, text))
    return [
        AlertItem(
            key=f"partner:{partner.pk}",
            title=partner.name,
            url=absolute_url(partner.get_absolute_url()),
            summary=partner.short_description,
            details=list(filter(None, [partner.get_kind_display(), partner.municipality])),
        )
        for partner in partners.order_by("first_published_at", "pk")
    ]


# Its key, "partners", is stored on every subscription.
DIRECTORY = AlertSource(
    "partners",
    "de partnergids",
    selection,
    new_items,
    listing_url(PartnerIndexPage),
    ("nieuwe partner", "nieuwe partners"),
)
