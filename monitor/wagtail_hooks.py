"""Admin for the monitor: indicators, areas and the figures themselves."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.viewsets import SnippetViewSet

from .models import Area, Indicator, Observation


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = "Indicatoren"
    list_display = ["name", "unit", "better", "compare_areas", "sort_order"]
    inspect_view_enabled = True


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = "Gebieden"
    list_display = ["name", "kind", "cbs_code", "sort_order"]
    list_filter = ["kind"]
    inspect_view_enabled = True


class ObservationViewSet(SnippetViewSet):
    model = Observation
    icon = "list-ul"
    menu_label = "Cijfers"
    list_display = ["indicator", "area", "period_kind", "period_start", "value", "is_demo"]
    list_filter = ["indicator", "area", "period_kind", "is_demo"]
    list_per_page = 50
    ordering = ["-period_start"]
    inspect_view_enabled = True


class MonitorViewSetGroup(SnippetViewSetGroup):
    menu_label = "Arbeidsmarkt in cijfers"
    menu_icon = "table"
    menu_order = 230
    items = (ObservationViewSet, IndicatorViewSet, AreaViewSet)


register_snippet(MonitorViewSetGroup)
