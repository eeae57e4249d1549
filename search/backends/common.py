"""Pieces both backends share, so they answer the same question the same way."""

from collections.abc import Iterable

from ..port import FacetValue, IndexDefinition, SearchQuery


def clean_values(values: Iterable[str] | None) -> list[str]:
    """Stripped, non-empty values, each once, in the order given. Control characters (a NUL
    byte, which PostgreSQL refuses in text) cannot be in any facet value: such values go."""
    seen: dict[str, None] = {}
    for value in values or ():
        text = str(value).strip() if value is not None else ""
        if text and text.isprintable():
            seen.setdefault(text, None)
    return list(seen)


def active_filters(index: IndexDefinition, query: SearchQuery) -> dict[str, list[str]]:
    """facet param -> selected values, for the facets that `index` knows, in facet order."""
    filters = {}
    for facet in index.facets:
        values = clean_values(query.filters.get(facet.param))
        if values:
            filters[facet.param] = values
    return filters


def facet_values(
    facet, counts: dict[str, int], selected: list[str], labels: dict | None = None
) -> list[FacetValue]:
    """Values by count, then label; selected values stay visible even at 0. `labels` may be
    given when the caller already has them (value -> label)."""
    labels = (facet.labels() if labels is None else labels) or {}
    counts = dict(counts)
    for value in selected:
        counts.setdefault(value, 0)
    values = [
        FacetValue(
            value=value,
            label=labels.get(value) or value,
            count=count,
            selected=value in selected,
        )
        for value, count in counts.items()
    ]
    values.sort(key=lambda v: (-v.count, v.label.casefold(), v.value))
    return values
