"""The Elasticsearch backend without an Elasticsearch server.

The query, the mapping and the response mapping are pure functions and are checked as dicts.
The few tests of the backend's requests (rebuild, indexing, search) put a small in-memory fake
server behind a real `Elasticsearch` client, at the HTTP node: only the outside world is faked.
"""

import json
import re

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport import TransportError as TransportErrorBase
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch

from search import service
from search.backends.elasticsearch import (
    AUTOCOMPLETE_BOOST,
    FACET_SIZE,
    ElasticsearchBackend,
    alias_name,
    build_search,
    document_class,
    index_body,
    suggestion_from,
    to_results,
)
from search.port import (
    FacetDefinition,
    FacetValue,
    Hit,
    IndexDefinition,
    SearchQuery,
    SearchUnavailable,
)

DOCUMENTS = [
    {
        "id": 12,
        "name": "Kustwerk Installatietechniek BV",
        "description": "Installatie & onderhoud van warmtepompen in de regio.",
        "kind": ["bedrijfsleven"],
        "regio": ["groot-amsterdam"],
        "sector": ["installatietechniek", "energie"],
        "created_at": "2026-03-01T10:00:00+00:00",
    },
    {
        "id": 7,
        "name": "Zorgcollege Zaanstad",
        "description": "Opleidingen in de zorg.",
        "kind": ["onderwijs"],
        "regio": ["zaanstreek-waterland"],
        "sector": ["zorg"],
        "created_at": "2026-02-01T10:00:00+00:00",
    },
    {
        "id": 3,
        "name": "Gemeente Haarlem",
        "description": "De gemeente.",
        "kind": ["overheid"],
        "regio": ["zuid-kennemerland"],
        "sector": [],
        "created_at": "2026-01-01T10:00:00+00:00",
    },
]

REGIO_LABELS = {
    "groot-amsterdam": "Groot-Amsterdam",
    "zaanstreek-waterland": "Zaanstreek/Waterland",
    "zuid-kennemerland": "Zuid-Kennemerland",
}
SECTOR_LABELS = {"energie": "Energie", "installatietechniek": "Installatietechniek"}


def make_index(documents=DOCUMENTS):
    return IndexDefinition(
        name="partner",
        queryset=lambda: list(documents),
        document=lambda obj: dict(obj),
        text_fields={"name": 3, "description": 1},
        autocomplete_field="name",
        facets=(
            FacetDefinition("soort", "Soort", "kind", "kind", lambda: {}),
            FacetDefinition("regio", "Regio", "regio", "regions__slug", lambda: REGIO_LABELS),
            FacetDefinition("sector", "Sector", "sector", "sectors__slug", lambda: SECTOR_LABELS),
        ),
        name_sort_field="name",
        newest_sort_field="created_at",
    )


INDEX = make_index()


def body(query: SearchQuery) -> dict:
    return build_search(INDEX, query).to_dict()


# --- Mapping ---------------------------------------------------------------------------------


def test_document_class_is_named_after_the_index_and_uses_the_alias():
    cls = document_class(INDEX)
    assert cls.__name__ == "PartnerDocument"
    assert cls._index._name == "wo2030-partner"
    assert document_class(INDEX, prefix="test")._index._name == "test-partner"
    assert alias_name(INDEX) == "wo2030-partner"


def test_text_fields_use_the_dutch_analyser_with_an_exact_subfield():
    properties = document_class(INDEX)._doc_type.mapping.to_dict()["properties"]
    for field in ("name", "description"):
        assert properties[field]["type"] == "text"
        assert properties[field]["analyzer"] == "dutch_text"
        assert properties[field]["copy_to"] == "suggest"
        assert properties[field]["fields"]["exact"] == {"type": "text", "analyzer": "exact_text"}


def test_autocomplete_and_sort_subfields_on_the_name():
    name = document_class(INDEX)._doc_type.mapping.to_dict()["properties"]["name"]
    assert name["fields"]["autocomplete"] == {
        "type": "text",
        "analyzer": "autocomplete_index",
        "search_analyzer": "autocomplete_search",
    }
    assert name["fields"]["sort"] == {"type": "keyword", "normalizer": "sort_normalizer"}
    description = document_class(INDEX)._doc_type.mapping.to_dict()["properties"]["description"]
    assert set(description["fields"]) == {"exact"}


def test_facets_are_keywords_dates_are_dates_and_unknown_fields_are_not_indexed():
    mapping = document_class(INDEX)._doc_type.mapping.to_dict()
    properties = mapping["properties"]
    for field in ("kind", "regio", "sector"):
        assert properties[field] == {"type": "keyword"}
    assert properties["created_at"] == {"type": "date"}
    assert properties["suggest"] == {"type": "text", "analyzer": "suggest_text"}
    assert mapping["dynamic"] is False


def test_index_body_defines_the_analysers():
    settings = index_body(INDEX)["settings"]
    analysis = settings["analysis"]
    assert settings["number_of_shards"] == 1
    assert analysis["analyzer"]["dutch_text"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding", "dutch_stop", "dutch_stemmer"],
    }
    assert analysis["filter"]["dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert analysis["filter"]["dutch_stop"] == {"type": "stop", "stopwords": "_dutch_"}
    assert analysis["analyzer"]["exact_text"]["filter"] == ["lowercase", "asciifolding"]
    assert analysis["analyzer"]["autocomplete_index"]["filter"] == [
        "lowercase",
        "asciifolding",
        "autocomplete_edge_ngram",
    ]
    assert analysis["filter"]["autocomplete_edge_ngram"] == {
        "type": "edge_ngram",
        "min_gram": 2,
        "max_gram": 20,
    }
    search_filters = analysis["analyzer"]["autocomplete_search"]["filter"]
    assert search_filters[:2] == ["lowercase", "asciifolding"]
    assert "autocomplete_edge_ngram" not in search_filters
    assert analysis["analyzer"]["suggest_text"]["filter"] == ["lowercase"]
    assert analysis["normalizer"]["sort_normalizer"]["filter"] == ["lowercase", "asciifolding"]
    assert "name" in index_body(INDEX)["mappings"]["properties"]


# --- Query -----------------------------------------------------------------------------------


def test_empty_text_matches_all_without_suggester():
    search = body(SearchQuery(text="  "))
    assert search["query"] == {"match_all": {}}
    assert "suggest" not in search
    assert "post_filter" not in search
    assert search["track_total_hits"] is True
    assert search["_source"] is False


def test_text_is_a_fuzzy_multi_match_or_a_prefix_match():
    query = body(SearchQuery(text="install"))["query"]["bool"]
    assert query["minimum_should_match"] == 1
    words, prefix = query["should"]
    assert words == {
        "multi_match": {
            "query": "install",
            "fields": ["name^3", "description^1"],
            "type": "best_fields",
            "fuzziness": "AUTO",
            "operator": "and",
        }
    }
    assert prefix == {
        "match": {
            "name.autocomplete": {
                "query": "install",
                "operator": "and",
                "boost": AUTOCOMPLETE_BOOST,
            }
        }
    }
    assert AUTOCOMPLETE_BOOST < 1


def test_active_filters_are_a_post_filter_or_within_and_between_facets():
    search = body(
        SearchQuery(filters={"regio": ["groot-amsterdam"], "sector": ["energie", "zorg"]})
    )
    assert search["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"regio": ["groot-amsterdam"]}},
                {"terms": {"sector": ["energie", "zorg"]}},
            ]
        }
    }
    # The query itself is not narrowed: the aggregations see every match.
    assert search["query"] == {"match_all": {}}


def test_each_facet_counts_under_the_other_filters_only():
    aggs = body(SearchQuery(filters={"regio": ["groot-amsterdam"], "sector": ["energie", "zorg"]}))[
        "aggs"
    ]
    assert set(aggs) == {"soort", "regio", "sector"}
    assert aggs["soort"]["filter"] == {
        "bool": {
            "filter": [
                {"terms": {"regio": ["groot-amsterdam"]}},
                {"terms": {"sector": ["energie", "zorg"]}},
            ]
        }
    }
    assert aggs["regio"]["filter"] == {
        "bool": {"filter": [{"terms": {"sector": ["energie", "zorg"]}}]}
    }
    assert aggs["sector"]["filter"] == {
        "bool": {"filter": [{"terms": {"regio": ["groot-amsterdam"]}}]}
    }
    assert aggs["regio"]["aggs"]["values"] == {"terms": {"field": "regio", "size": FACET_SIZE}}
    assert aggs["soort"]["aggs"]["values"]["terms"]["field"] == "kind"


def test_without_filters_every_facet_counts_everything():
    aggs = body(SearchQuery())["aggs"]
    for param in ("soort", "regio", "sector"):
        assert aggs[param]["filter"] == {"match_all": {}}


def test_unknown_facets_and_empty_values_are_ignored():
    search = body(SearchQuery(filters={"onbekend": ["x"], "regio": ["", "  "], "sector": []}))
    assert "post_filter" not in search
    search = body(SearchQuery(filters={"regio": ["a", "a", " b "]}))
    assert search["post_filter"] == {"bool": {"filter": [{"terms": {"regio": ["a", "b"]}}]}}


@pytest.mark.parametrize(
    "sort,expected",
    [
        ("relevantie", ["_score", {"name.sort": {"order": "asc"}}]),
        ("naam", [{"name.sort": {"order": "asc"}}]),
        (
            "nieuwste",
            [
                {"created_at": {"order": "desc", "missing": "_last"}},
                {"name.sort": {"order": "asc"}},
            ],
        ),
        ("onzin", ["_score", {"name.sort": {"order": "asc"}}]),
    ],
)
def test_sorts(sort, expected):
    assert body(SearchQuery(sort=sort))["sort"] == expected


@pytest.mark.parametrize(
    "page,per_page,start,size",
    [(1, 20, 0, 20), (3, 10, 20, 10), (0, 20, 0, 20), (-4, 5, 0, 5), (2, 0, 1, 1)],
)
def test_pagination(page, per_page, start, size):
    search = body(SearchQuery(page=page, per_page=per_page))
    assert (search["from"], search["size"]) == (start, size)


def test_highlights_text_fields_escaped_with_mark_tags():
    highlight = body(SearchQuery(text="zorg"))["highlight"]
    assert highlight["pre_tags"] == ["<mark>"]
    assert highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert set(highlight["fields"]) == {"name", "description", "name.autocomplete"}
    assert highlight["fields"]["name"] == {"number_of_fragments": 0}


def test_no_highlights_asked_when_the_caller_shows_none():
    assert "highlight" not in body(SearchQuery(text="zorg", highlight=False))


def test_did_you_mean_uses_a_term_suggester_on_the_suggest_field():
    suggest = body(SearchQuery(text="instalatie"))["suggest"]
    assert suggest["spelling"]["text"] == "instalatie"
    assert suggest["spelling"]["term"]["field"] == "suggest"
    assert suggest["spelling"]["term"]["suggest_mode"] == "missing"


# --- Response --------------------------------------------------------------------------------

RESPONSE = {
    "took": 6,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 42, "relation": "eq"},
        "max_score": 8.25,
        "hits": [
            {
                "_index": "wo2030-partner-20260301100000000000",
                "_id": "12",
                "_score": 8.25,
                "sort": [8.25, "kustwerk installatietechniek bv"],
                "highlight": {
                    "name.autocomplete": ["Kustwerk <mark>Installatietechniek</mark> BV"],
                    "description": [
                        "<mark>Installatie</mark> &amp; onderhoud van warmtepompen in de regio."
                    ],
                },
            },
            {
                "_index": "wo2030-partner-20260301100000000000",
                "_id": "7",
                "_score": 2.5,
                "sort": [2.5, "installatiebedrijf"],
                "highlight": {
                    "name": ["<mark>Installatiebedrijf</mark> Noord"],
                    "name.autocomplete": ["<mark>Installatiebedrijf</mark> <mark>Noord</mark>"],
                },
            },
            {
                "_index": "wo2030-partner-20260301100000000000",
                "_id": "3",
                "_score": 1.0,
                "sort": [1.0, "gemeente haarlem"],
            },
        ],
    },
    "aggregations": {
        "soort": {
            "doc_count": 40,
            "values": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [
                    {"key": "bedrijfsleven", "doc_count": 30},
                    {"key": "onderwijs", "doc_count": 10},
                ],
            },
        },
        "regio": {
            "doc_count": 45,
            "values": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [
                    {"key": "zaanstreek-waterland", "doc_count": 20},
                    {"key": "groot-amsterdam", "doc_count": 20},
                    {"key": "onbekend", "doc_count": 5},
                ],
            },
        },
        "sector": {
            "doc_count": 42,
            "values": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [{"key": "energie", "doc_count": 12}],
            },
        },
    },
    "suggest": {
        "spelling": [
            {
                "text": "instalatie",
                "offset": 0,
                "length": 10,
                "options": [{"text": "installatie", "score": 0.9, "freq": 4}],
            },
            {"text": "amsterdam", "offset": 11, "length": 9, "options": []},
        ]
    },
}

QUERY = SearchQuery(
    text="instalatie Amsterdam",
    filters={"regio": ["groot-amsterdam"], "sector": ["energie", "zorg"]},
    page=2,
    per_page=3,
)


def test_to_results_maps_hits_and_total():
    results = to_results(INDEX, QUERY, RESPONSE)
    assert results.total == 42
    assert [hit.pk for hit in results.hits] == [12, 7, 3]


def test_to_results_maps_highlights_and_lets_prefix_fragments_stand_in():
    first, second, third = to_results(INDEX, QUERY, RESPONSE).hits
    assert first == Hit(
        pk=12,
        highlights={
            "name": ["Kustwerk <mark>Installatietechniek</mark> BV"],
            "description": [
                "<mark>Installatie</mark> &amp; onderhoud van warmtepompen in de regio."
            ],
        },
    )
    # The field's own fragments win over the prefix match's.
    assert second.highlights == {"name": ["<mark>Installatiebedrijf</mark> Noord"]}
    assert third.highlights == {}


def test_to_results_maps_facets_with_labels_selection_and_order():
    facets = to_results(INDEX, QUERY, RESPONSE).facets
    assert list(facets) == ["soort", "regio", "sector"]
    assert facets["regio"] == [
        FacetValue("groot-amsterdam", "Groot-Amsterdam", 20, selected=True),
        FacetValue("zaanstreek-waterland", "Zaanstreek/Waterland", 20, selected=False),
        FacetValue("onbekend", "onbekend", 5, selected=False),  # no label: the value
        # Every labelled value stays, at 0: one may still ask for it.
        FacetValue("zuid-kennemerland", "Zuid-Kennemerland", 0, selected=False),
    ]
    # A selected value without matches is still shown, with 0.
    assert facets["sector"] == [
        FacetValue("energie", "Energie", 12, selected=True),
        FacetValue("installatietechniek", "Installatietechniek", 0, selected=False),
        FacetValue("zorg", "zorg", 0, selected=True),
    ]
    assert [v.value for v in facets["soort"]] == ["bedrijfsleven", "onderwijs"]
    assert not any(v.selected for v in facets["soort"])


def test_to_results_suggests_the_corrected_text():
    assert to_results(INDEX, QUERY, RESPONSE).suggestion == "installatie Amsterdam"


def test_to_results_of_an_empty_response():
    response = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}
    results = to_results(INDEX, SearchQuery(filters={"regio": ["groot-amsterdam"]}), response)
    assert results.hits == []
    assert results.total == 0
    assert results.suggestion is None
    assert results.facets["soort"] == []
    # Nothing found, and the filters stay: every labelled value, at 0.
    assert results.facets["regio"] == [
        FacetValue("groot-amsterdam", "Groot-Amsterdam", 0, selected=True),
        FacetValue("zaanstreek-waterland", "Zaanstreek/Waterland", 0, selected=False),
        FacetValue("zuid-kennemerland", "Zuid-Kennemerland", 0, selected=False),
    ]


def test_suggestion_only_when_it_changes_the_text():
    def entry(text, offset, options):
        return {
            "text": text,
            "offset": offset,
            "length": len(text),
            "options": [{"text": o, "score": 0.8, "freq": 2} for o in options],
        }

    def suggest(*entries):
        return {"suggest": {"spelling": list(entries)}}

    assert suggestion_from(suggest(entry("zorg", 0, [])), "zorg") is None
    assert suggestion_from({}, "zorg") is None
    assert suggestion_from(suggest(entry("zorg", 0, ["zorg"])), "Zorg") is None
    response = suggest(entry("instalatie", 0, ["installatie"]), entry("zaandm", 12, ["zaandam"]))
    assert suggestion_from(response, "instalatie, zaandm!") == "installatie, zaandam!"


# --- The backend against a fake server -------------------------------------------------------


class FakeServer:
    """Just enough of Elasticsearch for the backend: indices, one alias, bulk, search."""

    def __init__(self, search_response=None):
        self.requests: list[tuple[str, str, str, object]] = []
        self.indices: dict[str, list[dict]] = {}
        self.aliases: dict[str, set[str]] = {}
        self.search_response = search_response or RESPONSE

    def __call__(self, method, target, body):
        path, _, query = target.partition("?")
        if body and path.endswith("/_bulk"):
            lines = body.decode().splitlines()
            payload = [json.loads(line) for line in lines if line]
        else:
            payload = json.loads(body) if body else None
        self.requests.append((method, path, query, payload))
        return self.respond(method, path, payload)

    def respond(self, method, path, payload):
        parts = path.strip("/").split("/")
        if parts == ["_bulk"]:
            return 200, self.bulk(payload)
        if parts == ["_aliases"]:
            for action in payload["actions"]:
                (kind, spec), *_ = action.items()
                if kind == "add":
                    self.aliases.setdefault(spec["alias"], set()).add(spec["index"])
                else:
                    self.aliases.get(spec["alias"], set()).discard(spec["index"])
            return 200, {"acknowledged": True}
        if len(parts) == 2 and parts[1] == "_alias":
            indices = self.aliases.get(parts[0])
            if not indices:
                return 404, {"error": "alias [%s] missing" % parts[0], "status": 404}
            return 200, {name: {"aliases": {parts[0]: {}}} for name in indices}
        if len(parts) == 2 and parts[1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if len(parts) == 2 and parts[1] == "_count":
            indices = self.aliases.get(parts[0])
            if not indices:
                return 404, {"error": "no such index [%s]" % parts[0], "status": 404}
            return 200, {"count": sum(len(self.indices[name]) for name in indices)}
        if len(parts) == 2 and parts[1] == "_search":
            return 200, self.search_response
        if len(parts) == 3 and parts[1] == "_doc" and method == "DELETE":
            return 404, {"_index": parts[0], "_id": parts[2], "result": "not_found"}
        if len(parts) == 1 and method == "PUT":
            self.indices[parts[0]] = []
            return 200, {"acknowledged": True, "index": parts[0]}
        if len(parts) == 1 and method == "DELETE":
            for name in parts[0].split(","):
                self.indices.pop(name, None)
            return 200, {"acknowledged": True}
        return 400, {"error": f"unexpected {method} {path}", "status": 400}

    def bulk(self, payload):
        items = []
        for action, source in zip(payload[::2], payload[1::2], strict=True):
            meta = action["index"]
            target = meta["_index"]
            if target in self.aliases:
                (target,) = self.aliases[target]
            status = 201 if target in self.indices else 404
            if status == 201:
                self.indices[target].append(source)
            items.append({"index": {"_index": target, "_id": meta["_id"], "status": status}})
        errors = any(item["index"]["status"] >= 300 for item in items)
        return {"took": 1, "errors": errors, "items": items}


def fake_backend(server: FakeServer) -> ElasticsearchBackend:
    class FakeNode(BaseNode):
        def perform_request(self, method, target, body=None, headers=None, **kwargs):
            status, payload = server(method, target, body)
            response_headers = HttpHeaders(
                {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
            )
            meta = ApiResponseMeta(
                status=status,
                http_version="1.1",
                headers=response_headers,
                duration=0.0,
                node=self.config,
            )
            return NodeApiResponse(meta, json.dumps(payload).encode())

    client = Elasticsearch("http://fake:9200", node_class=FakeNode, max_retries=0)
    return ElasticsearchBackend("http://fake:9200", index_prefix="test", client=client)


def test_search_sends_the_built_search_to_the_alias_and_maps_the_response():
    server = FakeServer()
    results = fake_backend(server).search(INDEX, QUERY)
    ((method, path, _, payload),) = server.requests
    assert (method, path) == ("POST", "/test-partner/_search")
    assert payload == build_search(INDEX, QUERY).to_dict()
    assert [hit.pk for hit in results.hits] == [12, 7, 3]


def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically():
    server = FakeServer()
    backend = fake_backend(server)
    progress = []

    assert backend.rebuild(INDEX, progress=lambda done, total: progress.append((done, total))) == 3
    (first,) = server.indices
    assert re.fullmatch(r"test-partner-\d{20}", first)
    assert [doc["id"] for doc in server.indices[first]] == [12, 7, 3]
    assert progress == [(0, 3), (3, 3)]
    create = next(r for r in server.requests if r[0] == "PUT")
    assert create[1] == f"/{first}"
    assert create[3] == index_body(INDEX, prefix="test")
    assert server.aliases == {"test-partner": {first}}

    server.requests.clear()
    assert backend.rebuild(make_index(DOCUMENTS[:2])) == 2
    (second,) = server.indices  # the old index is gone
    assert second != first
    assert server.aliases == {"test-partner": {second}}
    methods_paths = [(method, path) for method, path, _, _ in server.requests]
    assert methods_paths.index(("POST", "/_aliases")) > methods_paths.index(("PUT", "/_bulk"))
    (swap,) = [payload for method, path, _, payload in server.requests if path == "/_aliases"]
    assert swap == {
        "actions": [
            {"remove": {"index": first, "alias": "test-partner"}},
            {"add": {"index": second, "alias": "test-partner"}},
        ]
    }
    assert methods_paths[-1] == ("DELETE", f"/{first}")


def test_index_objects_goes_through_the_alias_and_requires_it():
    server = FakeServer()
    backend = fake_backend(server)
    backend.rebuild(make_index([]))
    assert backend.index_objects(INDEX, DOCUMENTS[:2]) == 2
    (_, path, query, payload) = server.requests[-1]
    assert path == "/_bulk"
    assert "require_alias=true" in query
    assert payload[0] == {"index": {"_index": "test-partner", "_id": "12"}}
    assert payload[1] == DOCUMENTS[0]


def test_index_objects_before_any_rebuild_is_unavailable():
    with pytest.raises(SearchUnavailable):
        fake_backend(FakeServer()).index_objects(INDEX, DOCUMENTS)


def test_remove_object_ignores_a_missing_document():
    server = FakeServer()
    fake_backend(server).remove_object(INDEX, 99)
    assert server.requests[-1][:2] == ("DELETE", "/test-partner/_doc/99")


# --- No server at all ------------------------------------------------------------------------


@pytest.fixture
def dead_backend():
    return ElasticsearchBackend("http://127.0.0.1:9", timeout=0.5)


@pytest.mark.parametrize(
    "call",
    [
        lambda backend: backend.search(INDEX, SearchQuery(text="zorg")),
        lambda backend: backend.index_objects(INDEX, DOCUMENTS),
        lambda backend: backend.rebuild(INDEX),
        lambda backend: backend.remove_object(INDEX, 12),
    ],
    ids=["search", "index_objects", "rebuild", "remove_object"],
)
def test_a_dead_server_is_unavailable(dead_backend, call):
    with pytest.raises(SearchUnavailable) as raised:
        call(dead_backend)
    assert isinstance(raised.value.__cause__, TransportErrorBase)


def test_count_is_the_documents_behind_the_alias_or_none_before_a_rebuild():
    server = FakeServer()
    backend = fake_backend(server)
    assert backend.count(INDEX) is None
    backend.rebuild(INDEX)
    assert backend.count(INDEX) == 3


def test_the_service_falls_back_to_fewer_words_on_elasticsearch(monkeypatch):
    """The same fallback as on the database backend (the contract test): an empty answer to
    all the words, then the words without the last one."""
    empty = {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}

    class WordCountingServer(FakeServer):
        def respond(self, method, path, payload):
            if path.endswith("/_search") and "Texel" in json.dumps(payload):
                return 200, empty
            return super().respond(method, path, payload)

    server = WordCountingServer()
    monkeypatch.setattr(service, "active_backend", lambda: fake_backend(server))
    results = service.run(INDEX, SearchQuery(text="installatie Amsterdam Texel"))
    assert [hit.pk for hit in results.hits] == [12, 7, 3]
    assert (results.fewer_words, results.suggestion) == (True, "installatie Amsterdam")
    assert len(server.requests) == 2
