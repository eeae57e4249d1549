"""The site-wide search: one search box over every kind of content, grouped by kind.

`search` knows no domain model: the top app (website/site_search.py) names the groups and
what each shows. Page groups share one search over every page (Wagtail's search backend:
SQLite FTS5 or PostgreSQL full text); other groups search their own objects.
"""

import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property
from wagtail.search.backends import get_search_backend

from .port import words

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


class RankedPages:
    """The pages that match a query, best first, from one search over every page any page
    group may show: (id, content type id) pairs, read once per site search."""

    def __init__(self, pages, query):
        self.pages = pages
        self.query = query

    @cached_property
    def ranked(self):
        results = get_search_backend().search(self.query, self.pages.only("content_type"))
        return [(page.pk, page.content_type_id) for page in results]

    def fetch(self, ids):
        """The pages `ids` as their specific types, in that order: one query per type."""
        types = dict(self.ranked)
        by_type = {}
        for pk in ids:
            by_type.setdefault(types[pk], []).append(pk)
        pages = {}
        for content_type, pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type).model_class()
            if model is not None:
                pages.update(model._default_manager.in_bulk(pks))
        return [pages[pk] for pk in ids if pk in pages]


def content_type_ids(models):
    return {each.pk for each in ContentType.objects.get_for_models(*models).values()}


@dataclass(frozen=True)
class PageGroup:
    """The matching pages of `page_types`, or, with `other_than`, of every type but those."""

    key: str
    heading: str
    page_types: tuple = ()
    other_than: tuple = ()
    # (request, query) -> (url, label) of the full list, or None
    more_link: Callable | None = None

    def search(self, request, query, pages):
        named = content_type_ids(self.page_types or self.other_than)
        wanted = bool(self.page_types)
        ids = [pk for pk, content_type in pages.ranked if (content_type in named) == wanted]
        hits = [page_hit(page, request) for page in pages.fetch(ids[:HITS_PER_GROUP])]
        url, label = self.more_link(request, query) if self.more_link else ("", "")
        return SearchGroup(self.key, self.heading, hits, len(ids), url, label)


@dataclass(frozen=True)
class ObjectGroup:
    """The matching objects of `queryset()` (live and public), found by Wagtail's search."""

    key: str
    heading: str
    queryset: Callable
    to_hit: Callable  # (object, request) -> SearchHit
    more_link: Callable | None = None

    def search(self, request, query, pages):
        results = get_search_backend().search(query, self.queryset())
        found, total = first_hits_and_total(results, HITS_PER_GROUP)
        hits = [self.to_hit(obj, request) for obj in found]
        url, label = self.more_link(request, query) if self.more_link else ("", "")
        return SearchGroup(self.key, self.heading, hits, total, url, label)


TOTAL_FIELD = "search_group_total"


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


def page_hit(page, request):
    text = getattr(page, "meta_description", "") or page.search_description
    return SearchHit(page.title, page.get_url(request) or "", text)


def search_groups(request, query, groups, pages):
    """Each group's results; `pages` is the queryset of pages any page group may show."""
    ranked = RankedPages(pages, query)
    # A savepoint where a rejected query would spoil the request's transaction: PostgreSQL
    # refuses every statement after an error until the transaction rolls back. SQLite fails
    # only the statement, so the retry can follow without the savepoint's two queries.
    with nullcontext() if connection.vendor == "sqlite" else transaction.atomic():
        return [group.search(request, query, ranked) for group in groups]


def site_search(request, query, groups, pages):
    """Every group for `query`; retried with plain words if the backend rejects the query.

    Raises SearchFailed when the plain words fail too.
    """
    try:
        return SiteSearch(search_groups(request, query, groups, pages), query)
    except DatabaseError:
        logger.info("Search query rejected, retrying with plain words: %r", query)
    # Only the words: what is left when the backend chokes on search syntax (FTS5 rejects an
    # unbalanced `"`, for one).
    reduced = " ".join(words(query))
    if not reduced:
        return SiteSearch([], "")
    try:
        return SiteSearch(search_groups(request, reduced, groups, pages), reduced)
    except DatabaseError as error:
        logger.warning("Search query rejected twice: %r (%s)", query, error)
        raise SearchFailed(query) from error
