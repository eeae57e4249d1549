"""The search port: what the directory asks and what a backend answers.

`search` knows no domain model: an app describes what it indexes with an `IndexDefinition`,
hands it to the service with every call and registers it for the hook `search_indexes` so
the index can be rebuilt. A backend (backends/) has a `name` and `search(index, query) ->
Results`, `index_objects(index, objects)`, `remove_object(index, pk)` and `rebuild(index)`.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Callable

SORTS = ("relevantie", "naam", "nieuwste")


@dataclass(frozen=True)
class FacetDefinition:
    """The URL parameter, the document field holding its values (a list of strings) and the
    ORM lookup that reaches the same values on the model (for the database backend)."""

    param: str
    label: str
    document_field: str
    orm_lookup: str
    # value -> label for the values that exist, e.g. region slug -> region name.
    labels: Callable[[], dict[str, str]]
    # The facet value (as in the URL) of a value the ORM lookup reads, e.g. True -> "ja".
    encode: Callable[[object], str] = str


@dataclass(frozen=True)
class IndexDefinition:
    name: str
    queryset: Callable[[], object]  # a callable returning the live objects' QuerySet
    document: Callable[[object], dict]  # object -> {"id": ..., field: value, ...}
    text_fields: dict[str, float]  # document field -> boost, e.g. {"name": 3, "description": 1}
    autocomplete_field: str  # document field used for prefix / as-you-type matching
    facets: tuple[FacetDefinition, ...]
    name_sort_field: str  # document / model field to sort by name
    newest_sort_field: str  # document / model field to sort by date, newest first
    prefetch: Callable[[object], object] = field(default=lambda queryset: queryset)
    # Words a "did you mean" suggestion may use (backends without a suggester of their own).
    vocabulary: Callable[[], list[str]] = field(default=lambda: [])
    # A cheap value that changes whenever what is indexed may have changed (the site's
    # content version): the database backend then rebuilds its facet table and vocabulary.
    freshness: Callable[[], object] = field(default=lambda: None)
    # ids -> {id: {text field: value}}, cheaper than whole documents, for highlighting a page
    # of hits in the database backend.
    text_documents: Callable[[list], dict] | None = None


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet param -> values
    sort: str = "relevantie"
    page: int = 1
    per_page: int = 20
    # Off when the caller shows no fragments: the backend spares the work of marking words.
    highlight: bool = True


@dataclass
class Hit:
    pk: int
    # document field -> HTML fragments with <mark>...</mark> around matches (already escaped)
    highlights: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Results:
    hits: list[Hit]
    total: int
    # facet param -> values with counts that reflect every *other* active filter
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None  # "did you mean", when the backend can tell
    # Set when nothing matched the words as typed and these are results for `suggestion`.
    corrected_from: str | None = None
    # True when `suggestion` is the typed words with the last ones left out.
    fewer_words: bool = False


class SearchUnavailable(Exception):
    """The backend cannot be reached or answered with an error; callers fall back."""


# --- shared by both backends, so they answer the same question the same way ---------------


WORD = re.compile(r"\w+")


def words(text):
    """The words of a text, lower case: what both backends and the site search match on."""
    return WORD.findall(text.lower())


def clean_values(values: Iterable[str] | None) -> list[str]:
    """Stripped, non-empty values, each once, in order. A value with a control character (a
    NUL byte, which PostgreSQL refuses in text) is no facet value: it goes."""
    texts = (str(value).strip() for value in values or () if value is not None)
    return list(dict.fromkeys(text for text in texts if text and text.isprintable()))


def active_filters(index: IndexDefinition, query: SearchQuery) -> dict[str, list[str]]:
    """facet param -> selected values, for the facets that `index` knows, in facet order."""
    filters = {facet.param: clean_values(query.filters.get(facet.param)) for facet in index.facets}
    return {param: values for param, values in filters.items() if values}


def facet_values(
    facet, counts: dict[str, int], selected: list[str], labels: dict | None = None
) -> list[FacetValue]:
    """Values by count, then label. Every value with a label stays visible, at 0 if need be,
    and so do selected values: one may still ask for what the other filters leave out
    (companies active in mbo), and the filters do not vanish when nothing is found."""
    labels = facet.labels() if labels is None else labels
    counts = {**dict.fromkeys(labels, 0), **dict.fromkeys(selected, 0), **counts}
    values = [
        FacetValue(value, labels.get(value) or value, count, value in selected)
        for value, count in counts.items()
    ]
    values.sort(key=lambda v: (-v.count, v.label.casefold(), v.value))
    return values
