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
        "partners/initiative_list.html",
        {
            "form": form,
            "page_obj": page,
            "initiatives": page.object_list,
            "subpage_trail": [("Initiatieven", None)],
        },
    )


def initiative_detail(request, slug):
    initiative = get_object_or_404(
        Initiative.objects.filter(live=True)
        .select_related("lead_partner", "image")
        .prefetch_related("actions__line", "themes", "regions", "partners", "campuses", "tags"),
        slug=slug,
    )
    return render(
        request,
        "partners/initiative_detail.html",
        {
            "initiative": initiative,
            "subpage_trail": [
                ("Initiatieven", reverse("partners:initiative_list")),
                (initiative.title, None),
            ],
        },
    )
