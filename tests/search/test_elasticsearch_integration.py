"""The Elasticsearch backend against a live Elasticsearch 8 server at $ELASTICSEARCH_URL.

Every test works on indices under a unique prefix and deletes them afterwards.
"""

import os
import re
import uuid

import pytest

from search.backends.elasticsearch import ElasticsearchBackend, alias_name
from search.port import FacetDefinition, IndexDefinition, SearchQuery

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = pytest.mark.skipif(
    not ELASTICSEARCH_URL,
    reason=(
        "ELASTICSEARCH_URL is not set: no Elasticsearch server on this machine, "
        "the live Elasticsearch run is skipped"
    ),
)


def document(pk, name, description, kind, regio, sector, created_at):
    return {
        "id": pk,
        "name": name,
        "description": description,
        "kind": [kind],
        "regio": regio,
        "sector": sector,
        "niveau": [],
        "created_at": created_at,
    }


DOCUMENTS = [
    document(
        12,
        "Kustwerk Installatietechniek BV",
        "Wij leiden monteurs op voor warmtepompen en <b>zonnepanelen</b>.",
        "bedrijfsleven",
        ["groot-amsterdam"],
        ["installatietechniek", "energie"],
        "2026-03-01T10:00:00+00:00",
    ),
    document(
        7,
        "Zorgcollege Zaanstad",
        "Opleidingen voor verpleegkundigen in de regio.",
        "onderwijs",
        ["zaanstreek-waterland"],
        ["zorg"],
        "2026-02-01T10:00:00+00:00",
    ),
    document(
        3,
        "gemeente Haarlem",
        "De gemeente werkt samen met het café op de Grote Markt.",
        "overheid",
        ["zuid-kennemerland"],
        [],
        "2026-01-01T10:00:00+00:00",
    ),
    document(
        21,
        "Amstel Energie Coöperatie",
        "Energie uit zon en wind voor de regio Amsterdam.",
        "bedrijfsleven",
        ["groot-amsterdam"],
        ["energie"],
        "2026-03-15T10:00:00+00:00",
    ),
    document(
        30,
        "Noordzee Zorggroep",
        "Zorg en welzijn aan de kust.",
        "bedrijfsleven",
        ["zaanstreek-waterland", "groot-amsterdam"],
        ["zorg"],
        "2025-12-01T10:00:00+00:00",
    ),
]

REGIO_LABELS = {
    "groot-amsterdam": "Groot-Amsterdam",
    "zaanstreek-waterland": "Zaanstreek/Waterland",
    "zuid-kennemerland": "Zuid-Kennemerland",
}


def make_index(documents):
    return IndexDefinition(
        name="partner",
        queryset=lambda: list(documents),
        document=lambda obj: dict(obj),
        text_fields={"name": 3, "description": 1},
        autocomplete_field="name",
        facets=(
            FacetDefinition("soort", "Soort", "kind", "kind", lambda: {}),
            FacetDefinition("regio", "Regio", "regio", "regions__slug", lambda: REGIO_LABELS),
            FacetDefinition("sector", "Sector", "sector", "sectors__slug", lambda: {}),
        ),
        name_sort_field="name",
        newest_sort_field="created_at",
    )


INDEX = make_index(DOCUMENTS)


@pytest.fixture
def backend():
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    backend = ElasticsearchBackend(ELASTICSEARCH_URL, index_prefix=prefix, timeout=10)
    yield backend
    client = backend.client.options(ignore_status=404)
    existing = client.indices.get(index=f"{prefix}-*", expand_wildcards="all")
    names = [name for name in existing.body if name.startswith(f"{prefix}-")]
    if names:
        client.indices.delete(index=",".join(names))


@pytest.fixture
def built(backend):
    assert backend.rebuild(INDEX) == len(DOCUMENTS)
    return backend


def concrete_indices(backend):
    alias = alias_name(INDEX, backend.index_prefix)
    response = backend.client.options(ignore_status=404).indices.get_alias(name=alias)
    return sorted(response.body) if response.meta.status == 200 else []


def pks(results):
    return [hit.pk for hit in results.hits]


def test_rebuild_reports_progress_and_points_the_alias_at_a_new_index(backend):
    progress = []
    assert backend.rebuild(INDEX, progress=lambda *args: progress.append(args)) == 5
    assert progress[0] == (0, 5)
    assert progress[-1] == (5, 5)
    (concrete,) = concrete_indices(backend)
    assert re.fullmatch(rf"{backend.index_prefix}-partner-\d+", concrete)


def test_a_second_rebuild_swaps_the_alias_and_deletes_the_old_index(built):
    (first,) = concrete_indices(built)
    assert built.rebuild(make_index(DOCUMENTS[:2])) == 2
    (second,) = concrete_indices(built)
    assert second != first
    assert not built.client.indices.exists(index=first)
    assert built.search(INDEX, SearchQuery()).total == 2


def test_search_everything_with_facet_counts(built):
    results = built.search(INDEX, SearchQuery())
    assert results.total == 5
    regio = {v.value: (v.label, v.count) for v in results.facets["regio"]}
    assert regio == {
        "groot-amsterdam": ("Groot-Amsterdam", 3),
        "zaanstreek-waterland": ("Zaanstreek/Waterland", 2),
        "zuid-kennemerland": ("Zuid-Kennemerland", 1),
    }
    assert [v.value for v in results.facets["regio"]][0] == "groot-amsterdam"
    assert {v.value: v.count for v in results.facets["soort"]} == {
        "bedrijfsleven": 3,
        "onderwijs": 1,
        "overheid": 1,
    }


def test_a_whole_word_finds_and_highlights(built):
    results = built.search(INDEX, SearchQuery(text="installatietechniek"))
    assert pks(results)[0] == 12
    assert "<mark>" in " ".join(results.hits[0].highlights["name"])
    assert results.suggestion is None


def test_a_prefix_finds_the_word(built):
    results = built.search(INDEX, SearchQuery(text="install"))
    assert pks(results) == [12]
    assert results.hits[0].highlights["name"] == ["Kustwerk <mark>Installatietechniek</mark> BV"]


def test_a_typo_still_finds_and_suggests_the_word(built):
    results = built.search(INDEX, SearchQuery(text="instalatietechniek"))
    assert 12 in pks(results)
    assert results.suggestion == "installatietechniek"


def test_accents_fold(built):
    assert pks(built.search(INDEX, SearchQuery(text="cafe"))) == [3]
    assert pks(built.search(INDEX, SearchQuery(text="cooperatie"))) == [21]


def test_highlights_are_escaped(built):
    results = built.search(INDEX, SearchQuery(text="zonnepanelen"))
    assert pks(results) == [12]
    (fragment,) = results.hits[0].highlights["description"]
    # Lucene's HTML encoder escapes "/" too, as &#x2F;
    assert "&lt;b&gt;<mark>zonnepanelen</mark>&lt;" in fragment
    assert "<b>" not in fragment


def test_facet_counts_reflect_the_other_filters(built):
    query = SearchQuery(filters={"regio": ["groot-amsterdam"], "sector": ["zorg"]})
    results = built.search(INDEX, query)
    assert pks(results) == [30]
    # regio counts ignore the regio filter but keep the sector filter
    regio = {v.value: (v.count, v.selected) for v in results.facets["regio"]}
    assert regio == {"groot-amsterdam": (1, True), "zaanstreek-waterland": (2, False)}
    # sector counts ignore the sector filter but keep the regio filter
    sector = {v.value: (v.count, v.selected) for v in results.facets["sector"]}
    assert sector == {"energie": (2, False), "installatietechniek": (1, False), "zorg": (1, True)}
    # soort counts keep both
    assert {v.value: v.count for v in results.facets["soort"]} == {"bedrijfsleven": 1}


def test_values_within_a_facet_are_or(built):
    query = SearchQuery(filters={"regio": ["zuid-kennemerland", "zaanstreek-waterland"]})
    assert sorted(pks(built.search(INDEX, query))) == [3, 7, 30]


def test_a_selected_value_without_matches_is_shown_with_zero(built):
    query = SearchQuery(text="haarlem", filters={"sector": ["zorg"]})
    results = built.search(INDEX, query)
    assert results.total == 0
    assert [(v.value, v.count, v.selected) for v in results.facets["sector"]] == [("zorg", 0, True)]


def test_sorts_and_pages(built):
    by_name = built.search(INDEX, SearchQuery(sort="naam"))
    assert pks(by_name) == [21, 3, 12, 30, 7]  # case-insensitive: "gemeente" after "Amstel"
    newest = built.search(INDEX, SearchQuery(sort="nieuwste"))
    assert pks(newest) == [21, 12, 7, 3, 30]
    page = built.search(INDEX, SearchQuery(sort="naam", page=2, per_page=2))
    assert pks(page) == [12, 30]
    assert page.total == 5


def test_index_objects_and_remove_object(built):
    alias = alias_name(INDEX, built.index_prefix)
    new = document(
        40,
        "Installatiebedrijf Noord",
        "Installateurs in opleiding.",
        "bedrijfsleven",
        ["zaanstreek-waterland"],
        ["installatietechniek"],
        "2026-04-01T10:00:00+00:00",
    )
    assert built.index_objects(INDEX, [new]) == 1
    built.client.indices.refresh(index=alias)
    assert sorted(pks(built.search(INDEX, SearchQuery(text="install")))) == [12, 40]

    built.remove_object(INDEX, 40)
    built.remove_object(INDEX, 40)  # already gone: no error
    built.client.indices.refresh(index=alias)
    assert pks(built.search(INDEX, SearchQuery(text="install"))) == [12]
