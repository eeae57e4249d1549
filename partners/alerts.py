"""The partner directory as an alert source (alerts/sources.py): a visitor follows a search
with facets and hears of partners published after they subscribed. The directory's own
definition of its facets (search_index.py, with the facets apps above add) decides what
matches, as it does in the search index."""

from urllib.parse import urlencode

from django.http import QueryDict

from alerts.sources import AlertItem, AlertSource, Selection, listing_url
from core.links import absolute_url
from core.text import clean_query
from search.backends.database import DatabaseBackend
from search.port import words

from .models import Partner, PartnerIndexPage, directory_facets, filtered_partners

SOURCE_KEY = "partners"
LABEL_WORDS_LENGTH = 60


def saved_filters(params):
    """(text, [(facet, [(value, label), ...]), ...]) of the known values in `params`."""
    text = clean_query(params.get("q"))
    chosen = []
    for directory_facet in directory_facets():
        facet = directory_facet.facet
        values = params.getlist(facet.param)
        if not values:
            continue
        labels = facet.labels()
        known = sorted({value for value in values if value in labels})
        if known:
            chosen.append((directory_facet, [(value, labels[value]) for value in known]))
    return text, chosen


def label_words(text):
    """The words of a search as the label shows them, also in the confirmation mail to an
    address the visitor typed: letters and digits only, short, so the form cannot be used to
    mail someone a link or a message."""
    return " ".join(words(text))[:LABEL_WORDS_LENGTH].strip()


def selection(params):
    # The directory has no filter form of its own: its facets are read from the parameters.
    text, chosen = saved_filters(params)
    pairs = ([("q", text)] if text else []) + [
        (directory_facet.facet.param, value)
        for directory_facet, values in chosen
        for value, _ in values
    ]
    parts = ([f"zoekwoorden “{label_words(text)}”"] if text else []) + [
        f"{directory_facet.facet.label.lower()} {' of '.join(label for _, label in values)}"
        for directory_facet, values in chosen
    ]
    label = "Partnergids" + (": " + ", ".join(parts) if parts else " (alle partners)")
    return Selection(query=urlencode(pairs), label=label)


def new_items(query, since):
    """Live partners first published after `since` that match the saved search: every facet
    has one of its chosen values (as the directory combines them) and the words match."""
    text, chosen = saved_filters(QueryDict(query))
    facets = {
        directory_facet.facet.param: [value for value, _ in values]
        for directory_facet, values in chosen
    }
    # The directory's own facet lookups, in the database (search_index.filtered_partners).
    partners = filtered_partners(facets).filter(first_published_at__gt=since)
    if text:
        # The search backends filter only on indexed fields (the id is one): hand them the
        # candidates by id.
        candidates = Partner.objects.filter(pk__in=list(partners.values_list("pk", flat=True)))
        partners = partners.filter(pk__in=DatabaseBackend.matching_ids(candidates, text))
    matching = partners.order_by("first_published_at", "pk")
    return [
        AlertItem(
            key=f"partner:{partner.pk}",
            title=partner.name,
            url=absolute_url(partner.get_absolute_url()),
            summary=partner.short_description,
            details=[
                partner.get_kind_display(),
                *([partner.municipality] if partner.municipality else []),
            ],
        )
        for partner in matching
    ]


DIRECTORY = AlertSource(
    SOURCE_KEY, "Partnergids", selection, new_items, listing_url(PartnerIndexPage)
)
