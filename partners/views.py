"""Admin only (registered in wagtail_hooks.py): the search behind the search-and-add control
of long partner lists."""

from django.http import JsonResponse

from core.text import MAX_QUERY_LENGTH, clean_query

from .models import Partner

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
