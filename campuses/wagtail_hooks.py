"""What the campuses add to the apps below them (docs/architecture.md, "Hooks"): a campus
facet in the partner directory and the campuses on a partner's profile; and the first pages a
coordinator edits, their campus pages; and the campus page editor (views.py)."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from wagtail import hooks

from partners.models import DirectoryFacet
from search.port import FacetDefinition

from .models import CampusPage
from .permissions import CoordinatedPages
from .views import CampusPageViewSet

hooks.register(
    "directory_facets",
    DirectoryFacet(
        FacetDefinition(
            "campus",
            "Campus",
            "campus",
            "campuses__slug",
            lambda: dict(CampusPage.objects.values_list("slug", "title")),
        ),
        order=50,
        values=lambda partner: [campus.slug for campus in partner.campuses.all()],
        prefetch=lambda partners: partners.prefetch_related(
            Prefetch("campuses", queryset=CampusPage.objects.live().public())
        ),
    ),
)

hooks.register(
    "coordinated_pages", CoordinatedPages(lambda ids: CampusPage.objects.filter(pk__in=ids))
)


@hooks.register("partner_profile_sections", order=10)
def partner_campuses(request, partner):
    campuses = CampusPage.objects.live().public().filter(partners=partner).order_by("title")
    if not campuses:
        return ""
    context = {"campuses": campuses}
    return render_to_string("campuses/includes/partner_campuses.html", context, request)


@hooks.register("register_admin_viewset")
def register_campus_page_viewset():
    return CampusPageViewSet()
