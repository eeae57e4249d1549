"""The site-wide search at /zoeken/: pages, partners, initiatives, campuses and events, grouped
by type.

`search` knows no domain model (see DESIGN.md): the groups name their models by app label and
reach them through the app registry, so this module imports nothing from the apps above it.
Partners come from the directory's search port (`service.run`); the other groups from Wagtail's
search backend (SQLite FTS5 or PostgreSQL full text), which indexes them through their
`search_fields`.
"""

import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.shortcuts import render
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from . import service
from .port import SearchQuery

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
HITS_PER_GROUP = 10
SEARCH_PROMOTIONS_APP = "wagtail.contrib.search_promotions"
# Paths from the public contract in DESIGN.md; `search` cannot import the views behind them.
PARTNER_INDEX = "partner"  # registered by the partners app (partners/search_index.py)
PARTNER_LIST_PATH = "/partners/"
INITIATIVE_LIST_PATH = "/initiatieven/"
EVENT_LIST_PATH = "/agenda/"


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


def clean_query(raw):
    """Whitespace collapsed, control characters dropped (PostgreSQL refuses NUL), at most
    MAX_QUERY_LENGTH characters."""
    text = "".join(" " if not char.isprintable() else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def plain_words(query):
    """The query with everything but letters, digits and spaces removed: what is left when
    the backend chokes on search syntax (FTS5 rejects an unbalanced `"`, for one)."""
    return " ".join("".join(c if c.isalnum() else " " for c in query).split())


def _group(backend, query, key, heading, queryset, to_hit, **links):
    results = backend.search(query, queryset)
    # Counted even when the first page holds them all, so the number of queries stays the same
    # however many hits there are.
    total = results.count()
    hits = [to_hit(obj) for obj in results[:HITS_PER_GROUP]] if total else []
    return SearchGroup(key, heading, hits, total, **links)


def _page_hit(request):
    def to_hit(page):
        text = getattr(page, "meta_description", "") or page.search_description
        return SearchHit(page.title, page.get_url(request) or "", text)

    return to_hit


def _search_groups(request, query):
    backend = get_search_backend()
    page_model = apps.get_model("wagtailcore", "Page")
    campus_model = apps.get_model("website", "CampusPage")
    event_model = apps.get_model("events", "EventPage")
    initiative_model = apps.get_model("partners", "Initiative")

    # Depth 1 is the tree root, depth 2 the home page; campuses and events have groups of their
    # own. `.specific()` costs one query per page type among the hits, never one per hit.
    pages = (
        page_model.objects.live()
        .public()
        .filter(depth__gt=2)
        .not_type(campus_model, event_model)
        .specific()
    )
    campuses = campus_model.objects.live().public()
    events = event_model.objects.live().public()
    initiatives = initiative_model.objects.filter(live=True)

    page_hit = _page_hit(request)
    specs = [
        ("paginas", "Pagina's", pages, page_hit, {}),
        (
            "initiatieven",
            "Initiatieven",
            initiatives,
            lambda initiative: SearchHit(
                initiative.title, initiative.get_absolute_url(), initiative.summary
            ),
            {"more_url": INITIATIVE_LIST_PATH, "more_label": "Toon alle initiatieven"},
        ),
        ("campussen", "Campussen", campuses, page_hit, {}),
        (
            "agenda",
            "Agenda",
            events,
            page_hit,
            {"more_url": EVENT_LIST_PATH, "more_label": "Bekijk de hele agenda"},
        ),
    ]
    # A savepoint, so a rejected query leaves the request's transaction usable (PostgreSQL).
    with transaction.atomic():
        groups = [
            _group(backend, query, key, heading, queryset, to_hit, **links)
            for key, heading, queryset, to_hit, links in specs
        ]
    # Partners second, as the most asked-for group after pages.
    return [groups[0], _partner_group(query), *groups[1:]]


def _partner_group(query):
    """Partners through the directory's own search port: its fast queries, Elasticsearch when
    configured, and its typo rescue."""
    results = service.run(PARTNER_INDEX, SearchQuery(text=query, per_page=HITS_PER_GROUP))
    partners = apps.get_model("partners", "Partner").objects.in_bulk(
        [hit.pk for hit in results.hits]
    )
    hits = [
        SearchHit(partner.name, partner.get_absolute_url(), partner.short_description)
        for partner in (partners.get(hit.pk) for hit in results.hits)
        if partner is not None
    ]
    return SearchGroup(
        "partners",
        "Partners",
        hits,
        results.total,
        more_url=f"{PARTNER_LIST_PATH}?{urlencode({'q': query})}",
        more_label="Toon alle gevonden partners in de partnergids",
    )


def site_search(request, query):
    """Every group for `query`; retried with plain words if the backend rejects the query.

    Raises SearchFailed when the plain words fail too.
    """
    try:
        return SiteSearch(_search_groups(request, query), query)
    except DatabaseError:
        logger.info("Search query rejected, retrying with plain words: %r", query)
    reduced = plain_words(query)
    if not reduced:
        return SiteSearch([], "")
    try:
        return SiteSearch(_search_groups(request, reduced), reduced)
    except DatabaseError as error:
        logger.warning("Search query rejected twice: %r (%s)", query, error)
        raise SearchFailed(query) from error


def promoted_results(request, query):
    """Editors' promoted results (Wagtail's search promotions) for `query`, when that app
    is installed; otherwise none."""
    if not apps.is_installed(SEARCH_PROMOTIONS_APP):
        return []
    promotion_model = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    promotions = (
        promotion_model.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__live=True))
        .select_related("page")
        .order_by("sort_order")
    )
    return [
        SearchHit(
            promotion.title or "",
            promotion.page.get_url(request) if promotion.page else promotion.external_link_url,
            promotion.description,
        )
        for promotion in promotions
    ]


def search(request):
    # QueryDict.get returns the last value of a repeated parameter.
    query = clean_query(request.GET.get("q", ""))
    context = {
        "query": query,
        "max_query_length": MAX_QUERY_LENGTH,
        "results": None,
        "promotions": [],
        "search_failed": False,
        "subpage_trail": [("Zoeken", None)],
    }
    if query:
        try:
            context["results"] = site_search(request, query)
            context["promotions"] = promoted_results(request, query)
        except SearchFailed:
            context["search_failed"] = True
    return render(request, "search/search_results.html", context)
