"""Admin downloads that are safe to open (core/exports.py): apps register their snippets with
this `SnippetViewSet` (tests/core/test_exports.py checks that none is left out), and Wagtail's
own reports get the same through `safe_report_urls()`. And the page chooser's browsing, which
names only pages the user may see (`BrowseVisiblePagesView`)."""

import datetime
import functools
from itertools import chain

from django.http import Http404
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.text import capfirst
from openpyxl import Workbook
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.mixins import ExcelDateFormatter, SpreadsheetExportMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views import snippets
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .exports import (
    csv_response,
    local_moment,
    local_moment_text,
    neutralise_xlsx_cell,
    sheet_title,
)
from .permissions import may_see_page


class SafeSpreadsheetExportMixin:
    """For views with Wagtail's SpreadsheetExportMixin: cells that could start a formula are
    neutralised, the CSV is for Dutch Excel (core/exports.py), moments are in local time
    in both formats (Wagtail writes UTC), and the Excel sheet is named after what it holds
    (Wagtail names it "Sheet1")."""

    custom_value_preprocess = SpreadsheetExportMixin.custom_value_preprocess | {
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_XLSX: local_moment,
            SpreadsheetExportMixin.FORMAT_CSV: local_moment_text,
        },
    }

    def write_csv_response(self, queryset):
        header = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return csv_response(self.get_filename(), chain([header], rows))

    def get_sheet_title(self, queryset):
        return capfirst(queryset.model._meta.verbose_name_plural)

    def write_xlsx(self, queryset, output):
        # Wagtail's, but for the sheet's name.
        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=sheet_title(self.get_sheet_title(queryset)))
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            row = self.to_row_dict(item)
            worksheet.append(self.generate_xlsx_row(worksheet, row, date_format=date_format))
        workbook.save(output)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            yield neutralise_xlsx_cell(cell)


class IndexView(SafeSpreadsheetExportMixin, snippets.IndexView):
    """A snippet listing with its downloads as header buttons, where staff look for them,
    instead of in the "..." menu; a search also offers the other search areas."""

    show_other_searches = True

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.show_export_buttons:
            buttons += [
                HeaderButton("Download Excel", url=self.xlsx_export_url, icon_name="download"),
                HeaderButton("Download CSV", url=self.csv_export_url, icon_name="download"),
            ]
        return buttons

    @cached_property
    def header_more_buttons(self):
        downloads = {self.xlsx_export_url, self.csv_export_url}
        return [button for button in super().header_more_buttons if button.url not in downloads]


class SnippetViewSet(snippets.SnippetViewSet):
    index_view_class = IndexView


def safe_report_urls():
    """Wagtail's reports with safe downloads, at the same paths (website/urls.py puts them
    first): the site history's labels hold what visitors typed."""
    # Imported here: Wagtail's admin URLs look for every app's hooks, this module included.
    from wagtail.admin.urls import reports

    patterns = []
    for pattern in reports.urlpatterns:
        view = pattern.callback
        safe_class = type(
            view.view_class.__name__, (SafeSpreadsheetExportMixin, view.view_class), {}
        )
        patterns.append(path(str(pattern.pattern), safe_class.as_view(**view.view_initkwargs)))
    return decorate_urlpatterns(patterns, require_admin_access)


def only_below_visible_pages(view):
    """`view`, for a page the user may see; any other answers as an id that does not exist."""

    @functools.wraps(view)
    def below_visible_page(request, parent_page_id, **kwargs):
        if not may_see_page(request.user, parent_page_id):
            raise Http404
        return view(request, parent_page_id=parent_page_id, **kwargs)

    return below_visible_page


def explorer_urls():
    """Wagtail's page explorer, which names the page it lists in its title, at the same paths
    (website/urls.py puts them first): only below a page the user may see. A coordinator
    explores from the home page down to their campus, past pages of others."""
    from wagtail.admin.viewsets.pages import page_viewset_registry

    patterns = [
        path(
            f"<int:parent_page_id>/{suffix}",
            only_below_visible_pages(
                page_viewset_registry.as_view(view, parent_page_id_kwarg="parent_page_id")
            ),
        )
        for view, suffix in [("index", ""), ("index_results", "results/")]
    ]
    return decorate_urlpatterns(patterns, require_admin_access)


class BrowseVisiblePagesView(BrowseView):
    """Wagtail's page chooser below a page, which it names: only below a page the user may see
    (website/urls.py puts it before Wagtail's own)."""

    @method_decorator(only_below_visible_pages)
    def get(self, request, parent_page_id):
        return super().get(request, parent_page_id)
