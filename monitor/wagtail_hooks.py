"""Admin for the monitor: indicators, areas and the figures themselves, the CSV upload of
figures (upload.py); the monthly CBS import as a scheduled job, and the monitor as a source of
e-mail alerts (alerts.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core import jobs
from core.views import AdminFormMenuItem
from core.viewsets import SnippetViewSet

from .alerts import MONITOR
from .models import Area, AreaKind, Indicator, Observation
from .upload import ConfirmView, UploadView


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


@hooks.register("before_delete_snippet")
def keep_the_province(request, instances):
    """The monitor is built around the province: its figures are the monitor page itself and
    every other area is compared with them. Deleting its area (alone or in a bulk delete) is
    refused while no other area of that kind would remain; before the confirmation, so an
    editor is not asked to confirm what cannot be done."""
    areas = [item for item in instances if isinstance(item, Area)]
    provinces = [area for area in areas if area.kind == AreaKind.PROVINCE]
    if not provinces:
        return None
    others = Area.objects.filter(kind=AreaKind.PROVINCE).exclude(pk__in=[a.pk for a in areas])
    if others.exists():
        return None
    messages.error(
        request,
        f"Het gebied “{provinces[0]}” kan niet verwijderd worden: het is de provincie van "
        "Arbeidsmarkt in cijfers. Die pagina toont de cijfers van de provincie en vergelijkt "
        "elk ander gebied ermee. Klopt de naam of de CBS-code niet, wijzig het gebied dan. "
        "Er is niets verwijderd.",
    )
    return redirect(
        get_valid_next_url_from_request(request)
        or reverse(Area.snippet_viewset.get_url_name("list"))
    )


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("cijfers-inlezen/", UploadView.as_view(), name="monitor_import"),
        path("cijfers-inlezen/opslaan/", ConfirmView.as_view(), name="monitor_import_confirm"),
    ]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return AdminFormMenuItem(
        UploadView, "Cijfers inlezen", reverse("monitor_import"), icon_name="upload", order=231
    )


hooks.register(
    "scheduled_jobs",
    jobs.command_job(
        "import_cbs", jobs.MONTHLY, "Cijfers van het CBS inlezen (Arbeidsmarkt in cijfers)"
    ),
)
hooks.register("alert_sources", MONITOR)
