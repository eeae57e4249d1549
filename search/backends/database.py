"""The embedded default: Wagtail's database search backend (SQLite FTS5 or PostgreSQL full
text) for the words, the ORM for filters and facet counts."""

import difflib
import hashlib
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.utils.html import escape
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from ..port import (
    Hit,
    IndexDefinition,
    Results,
    SearchQuery,
    active_filters,
    facet_values,
    words,
)

# A new freshness value replaces the vocabulary and its suggestions long before this.
VOCABULARY_CACHE_SECONDS = 3600
FRAGMENT_LENGTH = 160
# difflib similarity a word needs to be offered as "did you mean": low enough for a dropped
# letter in a long compound ("instalatie" -> "installatietechniek").
SUGGESTION_CUTOFF = 0.65


class DatabaseBackend:
    name = "database"

    def __init__(self):
        self.tables = {}  # index name -> (freshness, FacetTable), one per process

    def facet_table(self, index: IndexDefinition) -> "FacetTable":
        freshness = index.freshness()
        built_for, table = self.tables.get(index.name, (None, None))
        if table is None or built_for != freshness:
            table = FacetTable.build(index)
            self.tables[index.name] = (freshness, table)
        return table

    def search(self, index: IndexDefinition, query: SearchQuery) -> Results:
        filters = active_filters(index, query)
        table = self.facet_table(index)
        # Only words: full-text syntax (quotes, *, AND, parentheses) has no meaning here.
        text = " ".join(words(query.text))
        ranked = self.matching_ids(index.queryset(), text) if text else None
        base = table.ids if ranked is None else table.ids.intersection(ranked)
        selected = {param: table.having_any(param, values) for param, values in filters.items()}
        facets = {
            facet.param: facet_values(
                facet,
                # Counts reflect every other active filter, not the facet's own.
                table.counts(facet.param, narrowed(base, selected, skip=facet.param)),
                filters.get(facet.param, []),
                labels=table.labels[facet.param],
            )
            for facet in index.facets
        }
        matched = narrowed(base, selected)
        if query.sort == "naam" or (ranked is None and query.sort != "nieuwste"):
            ordered_ids = table.ordered(table.by_name, matched)
        elif query.sort == "nieuwste":
            ordered_ids = table.ordered(table.by_newest, matched)
        else:
            ordered_ids = table.ordered(ranked, matched)
        total = len(ordered_ids)
        start = (query.page - 1) * query.per_page
        page_ids = ordered_ids[start : start + query.per_page]
        return Results(
            hits=self.hits(index, page_ids, text if query.highlight else ""),
            total=total,
            facets=facets,
            suggestion=self.suggest(index, text) if text and total == 0 else None,
        )

    @staticmethod
    def matching_ids(queryset, text):
        """Ids in relevance order: whole words first, then prefixes ("instal" -> installatie)."""
        if connection.vendor == "sqlite":
            return sqlite_matching_ids(queryset.model, text)
        backend = get_search_backend()
        objects = queryset.only("pk")
        found = [obj.pk for obj in backend.search(text, objects, operator="and")]
        found += [obj.pk for obj in backend.autocomplete(text, objects)]
        return list(dict.fromkeys(found))

    @staticmethod
    def hits(index, page_ids, text):
        terms = words(text)
        if not terms:  # nothing to highlight: the ids are the whole answer
            return [Hit(pk=pk) for pk in page_ids]
        if index.text_documents is not None:
            documents = index.text_documents(page_ids)
        else:
            objects = index.prefetch(index.queryset().filter(pk__in=page_ids)).in_bulk()
            documents = {pk: index.document(obj) for pk, obj in objects.items()}
        hits = []
        for pk in page_ids:
            document = documents.get(pk, {})
            highlights = {}
            for field in index.text_fields:
                fragment = highlight(str(document.get(field) or ""), terms)
                if fragment:
                    highlights[field] = [fragment]
            hits.append(Hit(pk=pk, highlights=highlights))
        return hits

    @staticmethod
    def suggest(index, text):
        """`text` (lower-case words) with each word replaced by the closest known one."""
        version = index.freshness()
        vocabulary = cache.get_or_set(
            f"search:vocabulary:{index.name}:{version}",
            lambda: sorted({word for phrase in index.vocabulary() for word in words(phrase)}),
            VOCABULARY_CACHE_SECONDS,
        )

        def digest(word):
            return hashlib.sha256(word.encode()).hexdigest()

        def closest(word):
            match = difflib.get_close_matches(word, vocabulary, n=1, cutoff=SUGGESTION_CUTOFF)
            return match[0] if match else word

        # difflib over the whole vocabulary is the slow part of a typo: remember its answers
        # as long as the vocabulary. A word of any length is hashed into a key of fixed length.
        suggestion = " ".join(
            cache.get_or_set(
                f"search:suggestion:{index.name}:{version}:{digest(word)}",
                lambda word=word: closest(word),
                VOCABULARY_CACHE_SECONDS,
            )
            for word in words(text)
        )
        return suggestion if suggestion != text else None

    # The database backend reads the live tables: there is no separate index to maintain.
    def index_objects(self, index, objects):
        return 0

    def remove_object(self, index, pk):
        return None

    def rebuild(self, index, progress=None):
        self.tables.clear()
        return index.queryset().count()


def narrowed(base, selected, skip=None):
    """`base` narrowed by every selected facet except `skip` (facets combine with AND)."""
    pool = set(base)
    for param, ids in selected.items():
        if param != skip:
            pool &= ids
    return pool


def sqlite_matching_ids(model, text):
    """One FTS5 query on Wagtail's own index table, every word matched as a prefix, best first.

    Wagtail's SQLite backend joins the FTS table row by row and scores each match separately,
    which takes seconds at 10,000 partners; asked directly, FTS5 answers in milliseconds.
    """
    table = IndexEntry._meta.db_table
    match = " AND ".join(f'"{word}"*' for word in words(text))
    content_type = ContentType.objects.get_for_model(model)
    # FTS5 columns are (autocomplete, body, title): a match in the title weighs most.
    sql = (
        f"SELECT entry.object_id FROM {table}_fts AS fts "  # noqa: S608 - table names are ours
        f"JOIN {table} AS entry ON entry.id = fts.rowid "
        f"WHERE {table}_fts MATCH %s AND entry.content_type_id = %s "
        f"ORDER BY bm25({table}_fts, 1.0, 1.0, 3.0)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, content_type.pk])
        return [int(object_id) for (object_id,) in cursor.fetchall()]


def highlight(value, terms):
    """An escaped fragment of `value` with <mark> around words that start with a query term."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")\w*", re.I)
    match = pattern.search(value)
    if not match:
        return ""
    start = max(0, match.start() - FRAGMENT_LENGTH // 3)
    fragment = value[start : start + FRAGMENT_LENGTH]
    marked = pattern.sub(lambda m: f"\x00{m.group(0)}\x01", fragment)
    marked = escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
    return ("…" if start else "") + marked + ("…" if start + FRAGMENT_LENGTH < len(value) else "")


# --- the facet table ------------------------------------------------------------------------
# For every facet value the set of live ids that have it, and the ids in name and date order.
# Counting facets with SQL meant seven GROUP BY queries over many-to-many joins per search
# (100-300 ms at 10,000 partners on SQLite); set intersections take a few milliseconds. The
# table is rebuilt when the index's `freshness` (the site's content version) changes, so a
# change made on any app server is seen by the next search on every server.


@dataclass(frozen=True)
class FacetTable:
    ids: frozenset
    postings: dict  # facet param -> value -> frozenset of ids
    by_name: tuple
    by_newest: tuple
    full_counts: dict  # facet param -> value -> count over all ids
    labels: dict  # facet param -> value -> label, read with the rest

    @classmethod
    def build(cls, index: IndexDefinition):
        queryset = index.queryset().order_by()
        by_name = tuple(queryset.order_by(index.name_sort_field, "pk").values_list("pk", flat=True))
        by_newest = tuple(
            queryset.order_by(f"-{index.newest_sort_field}", "pk").values_list("pk", flat=True)
        )
        postings = {}
        for facet in index.facets:
            values = {}
            having = queryset.exclude(**{f"{facet.orm_lookup}__isnull": True})
            for pk, value in having.values_list("pk", facet.orm_lookup):
                values.setdefault(facet.encode(value), set()).add(pk)
            postings[facet.param] = {value: frozenset(ids) for value, ids in values.items()}
        full_counts = {
            param: {value: len(ids) for value, ids in values.items()}
            for param, values in postings.items()
        }
        labels = {facet.param: facet.labels() for facet in index.facets}
        return cls(frozenset(by_name), postings, by_name, by_newest, full_counts, labels)

    def having_any(self, param, values):
        """Ids with at least one of `values` for a facet (values within a facet are OR)."""
        return set().union(*(self.postings[param].get(value, ()) for value in values))

    def counts(self, param, pool):
        """value -> how many ids in `pool` have it, for the values that occur."""
        if len(pool) == len(self.ids):  # nothing narrowed: the whole directory
            return self.full_counts[param]
        counts = {value: len(ids & pool) for value, ids in self.postings[param].items()}
        return {value: count for value, count in counts.items() if count}

    def ordered(self, order, pool):
        return [pk for pk in order if pk in pool]
