"""What the campuses add to the apps below them (docs/architecture.md, "Hooks"): a campus
facet in the partner directory, the campuses on a partner's profile, a group in the site
search, and the permission policies of campus coordinators for pages and partners. Imported
by CampusesConfig.ready()."""

from django.db.models import Count, Max, Prefetch
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from core import sections
from core.pagetree import public
from partners.models import Partner
from partners.search_index import DirectoryFacet, register_facet
from search.port import FacetDefinition
from search.site import page_group, page_hit, register_group

from .models import CampusPage
from .permissions import CoordinatorPagePermissionPolicy, PartnerPermissionPolicy

# Registered in ready(), before anything asks Wagtail for these policies (which would create
# the defaults; see wagtail.permissions.PolicyRegistry).
register_permission_policy(Page, CoordinatorPagePermissionPolicy())
register_permission_policy(Partner, PartnerPermissionPolicy(Partner))


def campus_titles():
    return dict(CampusPage.objects.values_list("slug", "title"))


def campus_freshness():
    membership = CampusPage.partners.through.objects
    return (
        membership.aggregate(count=Count("pk"), last=Max("pk")),
        CampusPage.objects.aggregate(changed=Max("last_published_at")),
    )


register_facet(
    DirectoryFacet(
        FacetDefinition("campus", "Campus", "campus", "campuses__slug", campus_titles),
        order=50,
        values=lambda partner: [campus.slug for campus in partner.campuses.all()],
        prefetch=lambda partners: partners.prefetch_related(
            Prefetch("campuses", queryset=public(CampusPage.objects.live()))
        ),
        freshness=campus_freshness,
    )
)


def partner_campuses(partner, request):
    campuses = list(public(CampusPage.objects.live()).filter(partners=partner).order_by("title"))
    return {"campuses": campuses} if campuses else None


sections.register(
    "partner_profile", "campuses/includes/partner_campuses.html", partner_campuses, 10
)

register_group(
    "campussen",
    "Campussen",
    40,
    page_group(page_hit),
    page_types=[CampusPage],
)
