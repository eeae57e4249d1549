from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ActionLine, ManifestAction, Region, Theme


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = "Regio's"
    list_display = ["name", "economic_region", "sort_order"]
    list_filter = ["economic_region"]
    search_fields = ["name"]
    inspect_view_enabled = True


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thema's"
    list_display = ["name", "sort_order"]
    search_fields = ["name", "description"]
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
    list_display = ["agenda_number", "title", "line", "coalition_code"]
    list_filter = ["line"]
    search_fields = ["title", "summary", "coalition_code"]
    ordering = ["line__sort_order", "agenda_number"]
    inspect_view_enabled = True


class ManifestViewSetGroup(SnippetViewSetGroup):
    menu_label = "Manifest"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (ManifestActionViewSet, ActionLineViewSet, ThemeViewSet, RegionViewSet)


register_snippet(ManifestViewSetGroup)
