"""The partner directory: search with facets, the search box's suggestions, and profiles.
Routes of the directory page (models/pages.py), which hands them itself as `page`."""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse

from core.pages import render_subpage
from search import service
from search.port import SORTS, SearchQuery
from search.text import MAX_QUERY_LENGTH, clean_query

from .models import Partner
from .search_index import directory_index, live_partners

PER_PAGE = 20
MAX_PAGE = 1000
SORT_LABELS = {"relevantie": "Relevantie", "naam": "Naam (A-Z)", "nieuwste": "Nieuwste eerst"}
SUGGESTIONS = 8


def page_number(value):
    try:
        return min(max(1, int(value)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def search_query(params, index):
    """A SearchQuery from GET parameters; unknown or malformed values are dropped."""
    text = clean_query(params.get("q"))
    sort = params.get("sortering")
    if sort not in SORTS:
        sort = "relevantie" if text else "naam"
    facets = index.facets
    return SearchQuery(
        text=text,
        filters={facet.param: params.getlist(facet.param) for facet in facets},
        sort=sort,
        page=page_number(params.get("pagina")),
        per_page=PER_PAGE,
    )


def directory(request, page):
    index = directory_index()
    query = search_query(request.GET, index)
    results = service.run(index, query)
    if query.page > 1 and not results.hits and results.total:
        # Past the end: show the last page rather than an empty one.
        query.page = (results.total - 1) // PER_PAGE + 1
        results = service.run(index, query)
    facets = index.facets
    return page.render(
        request,
        context_overrides={
            "query": query,
            "max_query_length": MAX_QUERY_LENGTH,
            "results": results,
            "cards": result_cards(results.hits),
            "page_obj": Paginator(range(results.total), PER_PAGE).get_page(query.page),
            "facets": [(facet, results.facets.get(facet.param, [])) for facet in facets],
            "active_filters": [
                (facet, value)
                for facet in facets
                for value in results.facets.get(facet.param, [])
                if value.selected
            ],
            "sort_labels": SORT_LABELS,
        },
    )


def result_cards(hits):
    """(hit, partner) for each search hit, with what a result card shows; a hit whose
    partner is gone (an index a moment behind) gets no card."""
    partners = (
        Partner.objects.filter(pk__in=[hit.pk for hit in hits])
        .select_related("logo")
        .prefetch_related("regions", "tagged_sectors__tag")
        .in_bulk()
    )
    return [(hit, partners[hit.pk]) for hit in hits if hit.pk in partners]


def suggestions(request, page):
    """Names for the search box's autocomplete."""
    text = clean_query(request.GET.get("q"))
    names = []
    if len(text) >= 2:
        query = SearchQuery(text=text, sort="relevantie", per_page=SUGGESTIONS)
        hits = [hit.pk for hit in service.run(directory_index(), query).hits]
        found = dict(Partner.objects.filter(pk__in=hits).values_list("pk", "name"))
        names = [found[pk] for pk in hits if pk in found]
    return JsonResponse({"suggestions": names})


def profile(request, page, slug):
    # Through the directory's facets, which annotate what apps above partners know of a
    # partner (whether it signed the manifest), so their sections need not ask again.
    partner = live_partners().select_related("logo").filter(slug=slug).first()
    if partner is None:
        raise Http404
    return render_subpage(
        page, request, "partners/partner_profile.html", [(partner.name, None)], partner=partner
    )


AUTOCOMPLETE_LIMIT = 20


def admin_autocomplete(request):
    """Admin only (registered in wagtail_hooks.py): live partners whose name holds `q`, for the
    search-and-add control of long partner lists (core.widgets.AutocompleteMultiple). Only
    live partners: their names are public already, so no role learns anything new here (an
    organisation that signed but is not approved yet stays out of sight)."""
    query = clean_query(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    partners = Partner.objects.none()
    if len(query) >= 2:
        partners = Partner.objects.live().filter(name__icontains=query).order_by("name")
    return JsonResponse(
        {
            "results": [
                {"id": pk, "label": name}
                for pk, name in partners.values_list("pk", "name")[:AUTOCOMPLETE_LIMIT]
            ]
        }
    )
