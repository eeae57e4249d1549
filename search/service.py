"""The one entry point the rest of the site uses: search an index, keep it in sync.

Elasticsearch is used when ELASTICSEARCH_URL is set; whenever it cannot be reached, searches
fall back to the database backend, saving never fails, the error is logged and staff see a
warning on the admin dashboard.
"""

import logging
from dataclasses import replace
from functools import cache as memoise

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from wagtail import hooks

from .backends.database import DatabaseBackend
from .port import WORD, IndexDefinition, Results, SearchQuery, SearchUnavailable

logger = logging.getLogger(__name__)
OUTAGE_CACHE_KEY = "search:elasticsearch:outage"
OUTAGE_REMEMBERED_SECONDS = 3600
# Searches a query that found nothing may take with fewer words: each costs a search.
FEWER_WORDS_TRIES = 3


@memoise
def database_backend():
    return DatabaseBackend()


@memoise
def elasticsearch_backend(url):
    from .backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url)


def active_backend():
    if settings.ELASTICSEARCH_URL:
        return elasticsearch_backend(settings.ELASTICSEARCH_URL)
    return database_backend()


def record_outage(error):
    logger.error("Elasticsearch is unavailable, using the database backend: %s", error)
    cache.set(
        OUTAGE_CACHE_KEY,
        {"at": timezone.now(), "error": str(error)[:300]},
        OUTAGE_REMEMBERED_SECONDS,
    )


def recent_outage():
    return cache.get(OUTAGE_CACHE_KEY)


def all_indexes() -> list[IndexDefinition]:
    """One from each function registered for the hook `search_indexes`."""
    return [index() for index in hooks.get_hooks("search_indexes")]


def run(index: IndexDefinition, query: SearchQuery) -> Results:
    backend = active_backend()
    try:
        results = backend.search(index, query)
    except SearchUnavailable as error:
        record_outage(error)
        backend = database_backend()
        results = backend.search(index, query)
    if results.total == 0 and results.suggestion:
        # Forgive a typo: show what the corrected words find, and say so.
        corrected = backend.search(index, replace(query, text=results.suggestion))
        if corrected.total:
            corrected.corrected_from = query.text
            corrected.suggestion = results.suggestion
            return corrected
    if results.total == 0:
        return fewer_words(backend, index, query) or results
    return results


def fewer_words(backend, index, query):
    """Results for the typed words without the last one, two, ... (at most FEWER_WORDS_TRIES
    searches): "techniek mbo Alkmaar" finds nothing, "techniek mbo" may. None if nothing."""
    typed = WORD.findall(query.text)  # as typed, capitals too: the page shows them
    for count in range(len(typed) - 1, max(0, len(typed) - 1 - FEWER_WORDS_TRIES), -1):
        text = " ".join(typed[:count])
        results = backend.search(index, replace(query, text=text))
        if results.total:
            results.corrected_from = query.text
            results.suggestion = text
            results.fewer_words = True
            return results
    return None


def _sync(action, index, *args):
    try:
        getattr(active_backend(), action)(index, *args)
    except SearchUnavailable as error:
        record_outage(error)


def index_objects(index, objects):
    _sync("index_objects", index, objects)


def remove_object(index, pk):
    _sync("remove_object", index, pk)


def refresh_stale_indexes(backend=None) -> str:
    """The scheduled freshness check: rebuild every Elasticsearch index whose document count
    differs from its live objects, or all of them after an outage (updates made meanwhile were
    lost). The database backend reads the live tables and needs nothing. Returns a summary;
    raises SearchUnavailable while Elasticsearch is still unreachable."""
    backend = backend or active_backend()
    if backend is database_backend():
        return "database backend: nothing to refresh"
    outage = recent_outage()
    lines = []
    try:
        for index in all_indexes():
            indexed = backend.count(index)
            if outage or indexed != index.queryset().count():
                done = backend.rebuild(index)
                lines.append(f"{index.name}: rebuilt, {indexed} -> {done} documents")
            else:
                lines.append(f"{index.name}: {indexed} documents, up to date")
    except SearchUnavailable as error:
        record_outage(error)
        raise
    if outage:
        cache.delete(OUTAGE_CACHE_KEY)
    return "; ".join(lines)
