"""The site-wide search: one search box over every kind of content, grouped by kind.

`search` knows no domain model (docs/architecture.md, "Hooks"): each app registers the groups
of its own content with `register_group`, saying how to search it. Most groups ask Wagtail's
search backend (SQLite FTS5 or PostgreSQL full text) through `wagtail_group`; the partner
directory answers from its own search port.
"""

import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, QuerySet, Window
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

HITS_PER_GROUP = 10


class SearchFailed(Exception):
    """The backend rejected the query, even reduced to plain words."""


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    text: str = ""


@dataclass
class SearchGroup:
    key: str
    heading: str
    hits: list[SearchHit]
    total: int
    more_url: str = ""
    more_label: str = ""


@dataclass
class SiteSearch:
    groups: list[SearchGroup] = field(default_factory=list)
    searched_for: str = ""  # the query the backend finally ran, after any reduction

    @property
    def total(self):
        return sum(group.total for group in self.groups)


@dataclass(frozen=True)
class GroupDefinition:
    key: str
    heading: str
    order: int
    # (request, query, definition) -> SearchGroup
    search: Callable
    # Page types this group shows, so the general pages group leaves them out.
    page_types: tuple = ()


_groups: dict[str, GroupDefinition] = {}


def register_group(key, heading, order, search, page_types=()):
    _groups[key] = GroupDefinition(key, heading, order, search, tuple(page_types))


def registered_groups():
    return sorted(_groups.values(), key=lambda group: group.order)


def claimed_page_types():
    """Page types that have a group of their own."""
    return tuple(model for group in _groups.values() for model in group.page_types)


def wagtail_group(queryset, to_hit, more_link=None):
    """A group's `search` that asks Wagtail's search backend.

    `queryset()` gives the live, public objects; `to_hit(obj, request)` a SearchHit;
    `more_link(request, query)` an optional (url, label) to the full list.
    """

    def search(request, query, definition):
        results = get_search_backend().search(query, queryset())
        found, total = first_hits_and_total(results, HITS_PER_GROUP)
        hits = [to_hit(obj, request) for obj in found]
        url, label = more_link(request, query) if more_link else ("", "")
        return SearchGroup(definition.key, definition.heading, hits, total, url, label)

    return search


TOTAL_FIELD = "_search_group_total"


def first_hits_and_total(results, limit):
    """The first `limit` hits of Wagtail search results and how many there are in all.

    The database backends (SQLite FTS5, PostgreSQL) build an ordinary queryset: each row
    then carries the total as a window count, so one query answers both, however many hits
    there are. Other backends are asked twice: the count, then the first hits.
    """
    queryset = results.get_queryset() if hasattr(results, "get_queryset") else None
    if isinstance(queryset, QuerySet) and not queryset.query.is_sliced:
        found = list(queryset.annotate(**{TOTAL_FIELD: Window(Count("pk"))})[:limit])
        return found, (getattr(found[0], TOTAL_FIELD) if found else 0)
    # Counted even when the first page holds them all, so the number of queries stays the
    # same however many hits there are.
    total = results.count()
    return (list(results[:limit]) if total else []), total


_page_search: dict[str, Callable] = {}


def register_page_search(queryset):
    """`queryset()`: the live, public pages that any page group may show. The page groups
    (`page_group`) are answered from one search over them per request, not one each."""
    _page_search["queryset"] = queryset


def page_group(to_hit, more_link=None):
    """A group's `search` over pages: those of the group's `page_types`, or, for a group
    without page types, every page whose type no group claims.

    All page groups share one search over every page (`register_page_search`): its ids and
    types in relevance order, counted per group in memory. Then only the hits a group shows
    are fetched, one query per page type among them, so the number of queries does not grow
    with the number of hits.
    """

    def search(request, query, definition):
        ranked = ranked_pages(request, query)
        claimed = content_type_ids(claimed_page_types())
        own = content_type_ids(definition.page_types)
        ids = [
            pk
            for pk, content_type in ranked
            if (content_type in own if own else content_type not in claimed)
        ]
        hits = [to_hit(page, request) for page in fetch_pages(ranked, ids[:HITS_PER_GROUP])]
        url, label = more_link(request, query) if more_link else ("", "")
        return SearchGroup(definition.key, definition.heading, hits, len(ids), url, label)

    return search


def content_type_ids(models):
    return {each.pk for each in ContentType.objects.get_for_models(*models).values()}


def ranked_pages(request, query):
    """(id, content type id) of every page that matches, best first; one query per request."""
    cache = request.__dict__.setdefault("_site_search_pages", {})
    if query not in cache:
        queryset = _page_search["queryset"]().only("content_type")
        results = get_search_backend().search(query, queryset)
        cache[query] = [(page.pk, page.content_type_id) for page in results]
    return cache[query]


def fetch_pages(ranked, ids):
    """The pages `ids` as their specific types, in that order: one query per type."""
    types = dict(ranked)
    by_type = {}
    for pk in ids:
        by_type.setdefault(types[pk], []).append(pk)
    pages = {}
    for content_type, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is not None:
            pages.update(model._default_manager.in_bulk(pks))
    return [pages[pk] for pk in ids if pk in pages]


def page_hit(page, request):
    text = getattr(page, "meta_description", "") or page.search_description
    return SearchHit(page.title, page.get_url(request) or "", text)


def plain_words(query):
    """The query with everything but letters, digits and spaces removed: what is left when
    the backend chokes on search syntax (FTS5 rejects an unbalanced `"`, for one)."""
    return " ".join("".join(c if c.isalnum() else " " for c in query).split())


def search_groups(request, query):
    with rejection_contained():
        return [group.search(request, query, group) for group in registered_groups()]


def rejection_contained():
    """A savepoint where a rejected query would spoil the request's transaction: PostgreSQL
    refuses every statement after an error until the transaction rolls back. SQLite fails
    only the statement, so the retry can follow without the savepoint's two queries."""
    if connection.vendor == "sqlite":
        return nullcontext()
    return transaction.atomic()


def site_search(request, query):
    """Every group for `query`; retried with plain words if the backend rejects the query.

    Raises SearchFailed when the plain words fail too.
    """
    try:
        return SiteSearch(search_groups(request, query), query)
    except DatabaseError:
        logger.info("Search query rejected, retrying with plain words: %r", query)
    reduced = plain_words(query)
    if not reduced:
        return SiteSearch([], "")
    try:
        return SiteSearch(search_groups(request, reduced), reduced)
    except DatabaseError as error:
        logger.warning("Search query rejected twice: %r (%s)", query, error)
        raise SearchFailed(query) from error
