"""Admin for the registry. Partner is an indexed snippet: its listing searches through
Wagtail's search index over all its search_fields (the viewset sets no field list, which the
SQLite full-text backend cannot restrict a query to). Its permission policy may allow some
rows only (a campus coordinator's partners: campuses/permissions.py); every view asks it.

Also what the registry adds below it: the directory's search index and its hourly freshness
check (search knows no core, so the app that owns the index registers the job), and the
directory as a source of e-mail alerts."""

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


class PartnerViewSet(RowPermissionViewSetMixin, SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = "Partners"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "municipality", "website", "live", "is_demo"]
    list_filter = {
        "kind": ["exact"],
        "regions": ["exact"],
        "education_levels": ["exact"],
        "offers": ["exact"],
        "live": ["exact"],
        "is_demo": ["exact"],
    }
    inspect_view_enabled = True


register_snippet(PartnerViewSet)


@hooks.register("register_admin_search_area")
def partner_search_area():
    return SnippetSearchArea(Partner.snippet_viewset, order=200)


@hooks.register("register_admin_urls")
def partner_autocomplete_urls():
    # Under the admin's URLs, so Wagtail requires admin access.
    return [path("partners-zoeken/", admin_autocomplete, name="partners_autocomplete")]
