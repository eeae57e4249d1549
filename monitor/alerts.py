"""Arbeidsmarkt in cijfers as an alert source (alerts/sources.py): a visitor follows an area
("gebied=zaanstreek-waterland") and hears of figures imported for it since, one line per
indicator with its newest period. Demo figures are never news: they are not real."""

from django.http import QueryDict

from alerts.sources import AlertItem, AlertSource, Selection, page_link
from core.links import absolute_url, live_page_url

from .figures import newness, value_text
from .forms import FigureFilterForm, area_selection
from .models import Observation
from .pages import MonitorPage


def chosen_area(query):
    params = query if isinstance(query, QueryDict) else QueryDict(query)
    return FigureFilterForm(params).active_filters.get("gebied")


def selection(params):
    area = chosen_area(params)
    if area is None:
        return Selection(query="", label="Arbeidsmarkt in cijfers (alle gebieden)")
    return Selection(query=area_selection(area), label=f"Arbeidsmarkt in cijfers: {area.name}")


def reading_order(figure):
    return (figure.indicator.sort_order, figure.indicator.name, figure.area.sort_order)


def new_items(query, since):
    """Real figures imported after `since` for the area (any area without one): per indicator
    and area, the newest period that came in."""
    figures = Observation.objects.filter(
        imported_at__gt=since, is_demo=False, indicator__is_demo=False
    ).select_related("indicator", "area")
    area = chosen_area(query)
    if area is not None:
        figures = figures.filter(area=area)
    newest = {}
    for figure in figures:
        shown = newest.get((figure.indicator, figure.area))
        if shown is None or newness(figure) > newness(shown):
            newest[(figure.indicator, figure.area)] = figure
    return [
        AlertItem(
            key=f"observation:{figure.pk}:{figure.imported_at.timestamp():.0f}",
            title=f"{figure.indicator.name}, {figure.area.name}: {value_text(figure)}",
            url=absolute_url(area_url(figure.area)),
            details=[figure.period_label, f"Bron: {figure.source_text}"],
        )
        for figure in sorted(newest.values(), key=reading_order)
    ]


def area_url(area):
    """The area's page (the province's is the monitor page itself)."""
    return (area.get_absolute_url() if area is not None else "") or live_page_url(MonitorPage)


def page_url(request, query):
    return page_link(request, area_url(chosen_area(query)))


MONITOR = AlertSource(
    "monitor",
    "Arbeidsmarkt in cijfers",
    selection,
    new_items,
    page_url,
    ("nieuw cijfer", "nieuwe cijfers"),
)
