from django.http import JsonResponse

from core.text import clean_query

from .models import Partner

AUTOCOMPLETE_LIMIT = 20


def admin_autocomplete(request):
    """Admin only (registered in wagtail_hooks.py): live partners whose name holds `q`, for the
    search-and-add control of long partner lists (core.widgets.AutocompleteMultiple). Only
    live partners: their names are public already, so no role learns anything new here (an
    organisation that signed but is not approved yet stays out of sight)."""
    query = clean_query(request.GET.get("q"))
    partners = Partner.objects.none()
    if len(query) >= 2:
        partners = Partner.objects.live().filter(name__icontains=query).order_by("name")
    found = partners.values_list("pk", "name")[:AUTOCOMPLETE_LIMIT]
    return JsonResponse({"results": [{"id": pk, "label": name} for pk, name in found]})
