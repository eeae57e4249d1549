"""Admin for the registry. Partner is an indexed snippet: its listing searches through
Wagtail's search index over all its search_fields (the viewset sets no field list, which the
SQLite full-text backend cannot restrict a query to). Its permission policy may allow some
rows only (a campus coordinator's partners: campuses/permissions.py); every view asks it."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.permissions import RowPermissionViewSetMixin
from core.search_areas import SnippetSearchArea
from core.viewsets import SnippetViewSet

from .models import Partner
from .views import admin_autocomplete


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
