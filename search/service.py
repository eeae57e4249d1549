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

from .backends.database import DatabaseBackend
from .port import Results, SearchQuery, SearchUnavailable
from .registry import get_index

logger = logging.getLogger(__name__)
OUTAGE_CACHE_KEY = "search:elasticsearch:outage"
OUTAGE_REMEMBERED_SECONDS = 3600


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


def run(index_name: str, query: SearchQuery) -> Results:
    index = get_index(index_name)
    backend = active_backend()
    try:
        results = backend.search(index, query)
    except SearchUnavailable as error:
        record_outage(error)
        backend = database_backend()
        results = backend.search(index, query)
    if results.total == 0 and results.suggestion and query.text:
        # Forgive a typo: show what the corrected words find, and say so.
        corrected = backend.search(index, replace(query, text=results.suggestion))
        if corrected.total:
            corrected.corrected_from = query.text
            corrected.suggestion = results.suggestion
            return corrected
    return results


def _sync(action, index_name, *args):
    backend = active_backend()
    if backend is database_backend():
        return
    try:
        getattr(backend, action)(get_index(index_name), *args)
    except SearchUnavailable as error:
        record_outage(error)


def index_objects(index_name, objects):
    _sync("index_objects", index_name, objects)


def remove_object(index_name, pk):
    _sync("remove_object", index_name, pk)


def rebuild(index_name, progress=None):
    return active_backend().rebuild(get_index(index_name), progress=progress)
