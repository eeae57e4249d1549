"""Admin for the registry, and what it adds to the apps below: the directory's search index, its
hourly freshness check (search knows no core, so the app owning the index registers the job)
and the directory as a source of e-mail alerts."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core import jobs
from core.permissions import RowPermissionViewSetMixin
from core.search_areas import SnippetSearchArea
from core.viewsets import SnippetViewSet
from search.service import refresh_stale_indexes

from .alerts import DIRECTORY
from .models import Partner, directory_index
from .views import admin_autocomplete

hooks.register("search_indexes", directory_index)
hooks.register(
    "scheduled_jobs",
    jobs.Job(
        "search_index_freshness",
        jobs.HOURLY,
        refresh_stale_indexes,
        "Zoekindex bijwerken als die achterloopt (Elasticsearch)",
    ),
)
hooks.register("alert_sources", DIRECTORY)


# The listing searches all search_fields (no field list: SQLite's full-text backend cannot
# restrict a query to some). The permission policy may allow some rows only (a campus
# coordinator's partners: campuses/permissions.py); every view asks it.
class PartnerViewSet(RowPermissionViewSetMixin, SnippetViewSet):
    model = Partner
    icon = "group"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "municipality", "website", "live", "is_demo"]
    list_filter = ["kind", "regions", "education_levels", "offers", "live", "is_demo"]
    inspect_view_enabled = True


register_snippet(PartnerViewSet)


@hooks.register("register_admin_search_area")
def partner_search_area():
    return SnippetSearchArea(Partner.snippet_viewset, order=200)


@hooks.register("register_admin_urls")
def partner_autocomplete_urls():
    # Under the admin's URLs, so Wagtail requires admin access.
    return [path("partners-zoeken/", admin_autocomplete, name="partners_autocomplete")]
