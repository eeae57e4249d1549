"""The partner directory: from a request's GET parameters to results to show, and a profile."""

from django.core.paginator import Paginator
from django.db.models import Prefetch

from search import service
from search.port import SORTS, SearchQuery

from .models import Initiative, Partner
from .search_index import INDEX_NAME, PARTNER_INDEX, live_partners, with_relations

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000
SORT_LABELS = {"relevantie": "Relevantie", "naam": "Naam (A-Z)", "nieuwste": "Nieuwste eerst"}


def printable(value):
    """Search text without control characters (PostgreSQL refuses a NUL byte), at most 200."""
    text = "".join(character for character in (value or "") if character.isprintable())
    return text.strip()[:MAX_QUERY_LENGTH]


def page_number(value):
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def query_from(params):
    """A SearchQuery from GET parameters; unknown or malformed values are dropped, not errors."""
    text = printable(params.get("q"))
    sort = params.get("sortering")
    if sort not in SORTS:
        sort = "relevantie" if text else "naam"
    filters = {facet.param: params.getlist(facet.param) for facet in PARTNER_INDEX.facets}
    return SearchQuery(
        text=text,
        filters=filters,
        sort=sort,
        page=page_number(params.get("pagina")),
        per_page=PER_PAGE,
    )


def directory_context(params):
    query = query_from(params)
    results = service.run(INDEX_NAME, query)
    if query.page > 1 and not results.hits and results.total:
        # Past the end: show the last page rather than an empty one.
        query.page = (results.total - 1) // PER_PAGE + 1
        results = service.run(INDEX_NAME, query)
    # Only what a result card shows; the full document relations are the profile's business.
    partners = (
        Partner.objects.filter(pk__in=[hit.pk for hit in results.hits])
        .select_related("logo")
        .prefetch_related("regions", "tagged_sectors__tag")
        .in_bulk()
    )
    entries = [
        {"partner": partners[hit.pk], "highlights": hit.highlights}
        for hit in results.hits
        if hit.pk in partners
    ]
    paginator = Paginator(range(results.total), PER_PAGE)
    active = [
        (facet, value)
        for facet in PARTNER_INDEX.facets
        for value in results.facets.get(facet.param, [])
        if value.selected
    ]
    return {
        "query": query,
        "results": results,
        "entries": entries,
        "page_obj": paginator.get_page(query.page),
        "facets": [(facet, results.facets.get(facet.param, [])) for facet in PARTNER_INDEX.facets],
        "active_filters": active,
        "sort_labels": SORT_LABELS,
    }


def suggestions(params, limit=8):
    """Names for the search box's autocomplete."""
    text = printable(params.get("q"))
    if len(text) < 2:
        return []
    results = service.run(INDEX_NAME, SearchQuery(text=text, sort="relevantie", per_page=limit))
    names = dict(
        Partner.objects.filter(pk__in=[hit.pk for hit in results.hits]).values_list("pk", "name")
    )
    return [names[hit.pk] for hit in results.hits if hit.pk in names]


def profile(slug):
    """A live partner with everything its profile shows, or None."""
    initiatives = Initiative.objects.filter(live=True).prefetch_related("actions")
    return (
        with_relations(live_partners())
        .select_related("logo")
        .prefetch_related(Prefetch("initiatives", queryset=initiatives))
        .filter(slug=slug)
        .first()
    )
