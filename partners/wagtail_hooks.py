"""Admin for the registry. Indexed snippets are searched through Wagtail's search index over
all their search_fields: the viewsets set no field list, which the SQLite full-text backend
cannot restrict a query to."""

from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ActionLine, Initiative, ManifestAction, Partner, Region, Theme


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = "Regio's"
    list_display = ["name", "economic_region", "sort_order"]
    list_filter = ["economic_region"]
    inspect_view_enabled = True


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thema's"
    list_display = ["name", "sort_order"]
    inspect_view_enabled = True


class ActionLineViewSet(SnippetViewSet):
    model = ActionLine
    icon = "list-ol"
    menu_label = "Actielijnen"
    list_display = ["code", "title"]
    search_fields = ["title", "goal"]
    inspect_view_enabled = True


class ManifestActionViewSet(SnippetViewSet):
    model = ManifestAction
    icon = "tasks"
    menu_label = "Acties"
    list_display = ["agenda_number", "title", "line", "coalition_code", "status"]
    list_filter = ["line", "status"]
    ordering = ["line__sort_order", "agenda_number"]
    inspect_view_enabled = True


class ManifestViewSetGroup(SnippetViewSetGroup):
    menu_label = "Manifest"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (ManifestActionViewSet, ActionLineViewSet, ThemeViewSet, RegionViewSet)


register_snippet(ManifestViewSetGroup)


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = "Partners"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "region", "website", "is_demo"]
    list_filter = ["kind", "region", "is_demo"]
    inspect_view_enabled = True


class InitiativeViewSet(SnippetViewSet):
    model = Initiative
    icon = "rocket"
    menu_label = "Initiatieven"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "status", "lead_partner", UpdatedAtColumn()]
    list_filter = {
        "actions": ["exact"],
        "themes": ["exact"],
        "regions": ["exact"],
        "status": ["exact"],
        "live": ["exact"],
    }
    inspect_view_enabled = True


register_snippet(PartnerViewSet)
register_snippet(InitiativeViewSet)
