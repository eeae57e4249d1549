"""The initiative pages. The signing flow is a set of routes of the manifest page
(models/pages.py)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .forms import InitiativeFilterForm
from .models import Initiative

INITIATIVES_PER_PAGE = 12


def initiative_list(request):
    form = InitiativeFilterForm(request.GET or None)
    initiatives = form.filter(Initiative.objects.filter(live=True)).for_listing()
    page = Paginator(initiatives.order_by("title", "pk"), INITIATIVES_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "manifest/initiative_list.html",
        {
            "form": form,
            "page_obj": page,
            "initiatives": page.object_list,
            "subpage_trail": [("Initiatieven", None)],
            "description": "Initiatieven die de acties van het Manifest Werken & Ontwikkelen "
            "2030 Noord-Holland uitvoeren.",
        },
    )


def initiative_detail(request, slug):
    initiative = get_object_or_404(Initiative.objects.filter(live=True).for_detail(), slug=slug)
    return render(
        request,
        "manifest/initiative_detail.html",
        {
            "initiative": initiative,
            "subpage_trail": [
                ("Initiatieven", reverse("manifest:initiative_list")),
                (initiative.title, None),
            ],
        },
    )
