"""The Elasticsearch 8 backend of the search port, built with elasticsearch-dsl.

The mapping, the query and the reading of a response are pure functions, tested without a
server. Each index is reached through an alias (f"{prefix}-{index.name}"): `rebuild()` fills a
new timestamped index, then moves the alias to it in one atomic `update_aliases` call, so
searches never see a half-built index. Any client error is raised as `SearchUnavailable`,
chained, so callers can fall back to the database backend.
"""

import contextlib
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.db.models import QuerySet
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, streaming_bulk
from elasticsearch_dsl import (
    A,
    Date,
    Document,
    Keyword,
    MetaField,
    Q,
    Search,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

from search.port import (
    Hit,
    IndexDefinition,
    Results,
    SearchQuery,
    SearchUnavailable,
    active_filters,
    facet_values,
)

DEFAULT_PREFIX = "wo2030"
DEFAULT_TIMEOUT = 2.0  # seconds; a slow search falls back to the database instead of hanging
FACET_SIZE = 100  # buckets per facet: more than any facet has values
CHUNK_SIZE = 500  # documents per bulk request during a rebuild
AUTOCOMPLETE_BOOST = 0.5  # a prefix match counts for less than a (fuzzy) word match
SUGGESTER = "spelling"
SUGGEST_FIELD = "suggest"
AUTOCOMPLETE_SUBFIELD = "autocomplete"
SORT_SUBFIELD = "sort"

# --- Analysis -------------------------------------------------------------------------------

dutch_stop = token_filter("dutch_stop", "stop", stopwords="_dutch_")
dutch_stemmer = token_filter("dutch_stemmer", "stemmer", language="dutch")
autocomplete_filter = token_filter("autocomplete_edge_ngram", "edge_ngram", min_gram=2, max_gram=20)
# A typed word longer than the longest indexed prefix still matches that prefix.
autocomplete_truncate = token_filter("autocomplete_truncate", "truncate", length=20)


def lowercase_words(name, *filters):
    return analyzer(name, tokenizer="standard", filter=["lowercase", *filters])


# Full-text: "Installatietechniek" and "installatietechnieken" share a stem, "é" matches "e".
dutch = lowercase_words("dutch_text", "asciifolding", dutch_stop, dutch_stemmer)
# Word forms as written, without stemming or stop words: for the `.exact` subfields.
exact = lowercase_words("exact_text", "asciifolding")
# Every prefix (2..20 characters) of every word, so "install" finds "installatietechniek".
autocomplete_index = lowercase_words("autocomplete_index", "asciifolding", autocomplete_filter)
autocomplete_search = lowercase_words("autocomplete_search", "asciifolding", autocomplete_truncate)
# Plain words, not stemmed: the vocabulary of "did you mean", so a suggestion is a real word.
suggest = lowercase_words("suggest_text")
sort_normalizer = normalizer("sort_normalizer", filter=["lowercase", "asciifolding"])


def alias_name(index: IndexDefinition, prefix: str = DEFAULT_PREFIX) -> str:
    """The alias searches and updates go through, e.g. "wo2030-partner"."""
    return f"{prefix}-{index.name}".lower()


def _text_field(index: IndexDefinition, name: str) -> Text:
    fields = {"exact": Text(analyzer=exact)}
    if name == index.autocomplete_field:
        fields[AUTOCOMPLETE_SUBFIELD] = Text(
            analyzer=autocomplete_index, search_analyzer=autocomplete_search
        )
    if name == index.name_sort_field:
        fields[SORT_SUBFIELD] = Keyword(normalizer=sort_normalizer)
    copy_to = SUGGEST_FIELD if name in index.text_fields else None
    return Text(analyzer=dutch, fields=fields, copy_to=copy_to)


def document_class(index: IndexDefinition, prefix: str = DEFAULT_PREFIX) -> type[Document]:
    """An elasticsearch-dsl `Document` subclass (e.g. PartnerDocument) whose mapping fits the
    documents of `index`; its default index is the alias."""
    attrs: dict[str, object] = {}
    # The text fields, then the autocomplete and name-sort fields if they are not among them.
    for name in dict.fromkeys(
        [*index.text_fields, index.autocomplete_field, index.name_sort_field]
    ):
        attrs[name] = _text_field(index, name)
    attrs[SUGGEST_FIELD] = Text(analyzer=suggest)
    for facet in index.facets:
        attrs[facet.document_field] = Keyword(multi=True)
    attrs[index.newest_sort_field] = Date()
    # Fields the mapping does not name stay in _source but are not indexed: no mapping explosion.
    attrs["Meta"] = type("Meta", (), {"dynamic": MetaField(False)})
    # One shard: the collection is small, and scores and suggestions then use global statistics.
    settings = {"number_of_shards": 1}
    attrs["Index"] = type("Index", (), {"name": alias_name(index, prefix), "settings": settings})
    attrs["__module__"] = __name__
    return type(f"{index.name.title()}Document", (Document,), attrs)


def index_body(index: IndexDefinition, prefix: str = DEFAULT_PREFIX) -> dict:
    """The body (settings with analysis, mappings) that creates a concrete index."""
    return document_class(index, prefix)._index.to_dict()


# --- Querying -------------------------------------------------------------------------------


def text_query(index: IndexDefinition, text: str):
    text = text.strip()
    if not text:
        return Q("match_all")
    fields = [f"{field}^{boost:g}" for field, boost in index.text_fields.items()]
    words = Q(
        "multi_match",
        query=text,
        fields=fields,
        type="best_fields",
        fuzziness="AUTO",
        operator="and",
    )
    prefixes = f"{index.autocomplete_field}.{AUTOCOMPLETE_SUBFIELD}"
    prefix = Q(
        "match", **{prefixes: {"query": text, "operator": "and", "boost": AUTOCOMPLETE_BOOST}}
    )
    return Q("bool", should=[words, prefix], minimum_should_match=1)


def sort_keys(index: IndexDefinition, sort: str) -> list:
    by_name = {f"{index.name_sort_field}.{SORT_SUBFIELD}": {"order": "asc"}}
    if sort == "naam":
        return [by_name]
    if sort == "nieuwste":
        return [{index.newest_sort_field: {"order": "desc", "missing": "_last"}}, by_name]
    return ["_score", by_name]  # "relevantie", and whatever is not a known sort


def build_search(index: IndexDefinition, query: SearchQuery) -> Search:
    """The search for `query`: text query, facet filters as post_filter, per-facet counts that
    ignore the facet's own filter, sort, page, highlights and the "did you mean" suggester."""
    s = Search().query(text_query(index, query.text)).source(False)
    s = s.extra(track_total_hits=True)

    selected = active_filters(index, query)
    filters = {
        facet.param: Q("terms", **{facet.document_field: selected[facet.param]})
        for facet in index.facets
        if facet.param in selected
    }
    if filters:
        # post_filter narrows the hits but not the aggregations: each facet filters itself.
        s = s.post_filter(Q("bool", filter=list(filters.values())))
    for facet in index.facets:
        others = [q for param, q in filters.items() if param != facet.param]
        scope = Q("bool", filter=others) if others else Q("match_all")
        agg = A("filter", filter=scope)
        agg.bucket("values", "terms", field=facet.document_field, size=FACET_SIZE)
        s.aggs.bucket(facet.param, agg)

    s = s.sort(*sort_keys(index, query.sort))

    per_page = max(1, query.per_page)
    s = s.extra(**{"from": (max(1, query.page) - 1) * per_page, "size": per_page})

    if query.highlight:
        s = highlighted(index, s)

    text = query.text.strip()
    if text:
        s = s.suggest(
            SUGGESTER,
            text,
            term={
                "field": SUGGEST_FIELD,
                "suggest_mode": "missing",
                "sort": "score",
                "min_word_length": 3,
                "size": 1,
            },
        )
    return s


def highlighted(index: IndexDefinition, s: Search) -> Search:
    s = s.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
    for field in index.text_fields:
        if field == index.autocomplete_field:
            s = s.highlight(field, number_of_fragments=0)  # a name: highlight it whole
        else:
            s = s.highlight(field, fragment_size=150, number_of_fragments=3)
    # Prefix matches live on the subfield; its fragments stand in for the field's own.
    return s.highlight(f"{index.autocomplete_field}.{AUTOCOMPLETE_SUBFIELD}", number_of_fragments=0)


def suggestion_from(response: dict, text: str) -> str | None:
    """The query text with each misspelt word replaced by the term suggester's best option,
    or None when nothing would change."""
    corrected, end = [], 0
    for entry in response.get("suggest", {}).get(SUGGESTER, []):
        if entry["options"] and entry["offset"] >= end:
            corrected += [text[end : entry["offset"]], entry["options"][0]["text"]]
            end = entry["offset"] + entry["length"]
    corrected.append(text[end:])
    suggestion = "".join(corrected).strip()
    if not suggestion or suggestion.casefold() == text.strip().casefold():
        return None
    return suggestion


def _highlights(index: IndexDefinition, raw: dict) -> dict[str, list[str]]:
    """field -> fragments; a prefix match's fragments (on the autocomplete subfield) stand in
    for the autocomplete field's own when a fuzzy word match did not highlight it."""
    subfield = f"{index.autocomplete_field}.{AUTOCOMPLETE_SUBFIELD}"
    highlights = {field: list(fragments) for field, fragments in raw.items() if field != subfield}
    if raw.get(subfield):
        highlights.setdefault(index.autocomplete_field, list(raw[subfield]))
    return highlights


def to_results(index: IndexDefinition, query: SearchQuery, response: dict) -> Results:
    """Maps a raw Elasticsearch search response (a dict) to the port's Results."""
    hits = [
        Hit(pk=int(hit["_id"]), highlights=_highlights(index, hit.get("highlight", {})))
        for hit in response["hits"]["hits"]
    ]
    filters = active_filters(index, query)
    aggregations = response.get("aggregations")  # none in an empty response
    facets = {}
    for facet in index.facets:
        buckets = aggregations[facet.param]["values"]["buckets"] if aggregations else []
        counts = {str(bucket["key"]): bucket["doc_count"] for bucket in buckets}
        facets[facet.param] = facet_values(facet, counts, filters.get(facet.param, []))
    return Results(
        hits=hits,
        total=response["hits"]["total"]["value"],
        facets=facets,
        suggestion=suggestion_from(response, query.text),
    )


# --- Indexing -------------------------------------------------------------------------------


def _actions(index: IndexDefinition, alias: str, objects: Iterable) -> Iterator[dict]:
    for obj in objects:
        document = index.document(obj)
        yield {"_index": alias, "_id": str(document["id"]), "_source": document}


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        index_prefix: str = DEFAULT_PREFIX,
        timeout: float = DEFAULT_TIMEOUT,
        client: Elasticsearch | None = None,
    ):
        self.index_prefix = index_prefix
        self.client = client or Elasticsearch(
            url, request_timeout=timeout, max_retries=1, retry_on_timeout=False
        )

    @contextlib.contextmanager
    def _errors(self, doing: str):
        try:
            yield
        except (ApiError, TransportError, BulkIndexError) as error:
            # No URL in the message: it may hold credentials.
            message = f"Elasticsearch {doing} failed: {error}"
            raise SearchUnavailable(message) from error

    def alias(self, index: IndexDefinition) -> str:
        return alias_name(index, self.index_prefix)

    def search(self, index: IndexDefinition, query: SearchQuery) -> Results:
        s = build_search(index, query)
        with self._errors("search"):
            response = self.client.search(index=self.alias(index), body=s.to_dict())
        return to_results(index, query, response.body)

    def index_objects(self, index: IndexDefinition, objects) -> int:
        """Indexes (creates or replaces) the documents of `objects` through the alias. The alias
        must exist (see `rebuild`): it is never auto-created as an unmapped index."""
        with self._errors("indexing"):
            indexed, _ = bulk(
                self.client,
                _actions(index, self.alias(index), objects),
                chunk_size=CHUNK_SIZE,
                require_alias=True,
            )
        return indexed

    def remove_object(self, index: IndexDefinition, pk: int) -> None:
        with self._errors("removing a document"):
            self.client.options(ignore_status=404).delete(index=self.alias(index), id=str(pk))

    def ping(self) -> None:
        """Raises SearchUnavailable unless the cluster answers and is not red."""
        with self._errors("health"):
            health = self.client.cluster.health()
        if health.body.get("status") == "red":
            raise SearchUnavailable("Elasticsearch cluster status is red")

    def count(self, index: IndexDefinition) -> int | None:
        """Documents behind the alias; None before the first rebuild."""
        with self._errors("counting"):
            response = self.client.options(ignore_status=404).count(index=self.alias(index))
        if response.meta.status == 404:
            return None
        return response.body["count"]

    def rebuild(self, index: IndexDefinition, progress=lambda done, total: None) -> int:
        """Indexes every object into a new concrete index, then moves the alias to it and
        deletes the indices it pointed to before. Returns the number of documents indexed."""
        alias = self.alias(index)
        timestamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        new = f"{alias}-{timestamp}"
        with self._errors("rebuilding"):
            self.client.indices.create(index=new, **index_body(index, self.index_prefix))
            try:
                done = self._fill(index, new, progress)
                self.client.indices.refresh(index=new)
                old = self._behind_alias(alias)
                actions = [
                    {"remove_index": {"index": name}}
                    if name == alias  # an index auto-created under the alias's name
                    else {"remove": {"index": name, "alias": alias}}
                    for name in old
                ]
                actions.append({"add": {"index": new, "alias": alias}})
                self.client.indices.update_aliases(actions=actions)
            except BaseException:
                with contextlib.suppress(ApiError, TransportError):
                    self.client.options(ignore_status=404).indices.delete(index=new)
                raise
            ours = re.compile(rf"^{re.escape(alias)}-\d+$")
            stale = [name for name in old if ours.match(name)]
            if stale:
                self.client.options(ignore_status=404).indices.delete(index=",".join(stale))
        return done

    def _fill(self, index: IndexDefinition, name: str, progress) -> int:
        objects = index.prefetch(index.queryset())
        if isinstance(objects, QuerySet):
            total = objects.count()
            objects = objects.iterator(chunk_size=CHUNK_SIZE)
        else:  # a list (the tests' indexes)
            total = len(objects)
        done = 0
        progress(done, total)
        actions = _actions(index, name, objects)
        for _ in streaming_bulk(self.client, actions, chunk_size=CHUNK_SIZE):
            done += 1
            if done % CHUNK_SIZE == 0 or done == total:
                progress(done, total)
        return done

    def _behind_alias(self, alias: str) -> list[str]:
        """The concrete indices that `alias` resolves to: none before the first rebuild, or the
        name itself when an index was auto-created under it."""
        response = self.client.options(ignore_status=404).indices.get_alias(index=alias)
        if response.meta.status == 404:
            return []
        return sorted(response.body)
