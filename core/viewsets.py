"""What every admin listing of the site shares: CSV and Excel downloads that are safe to open
(core/exports.py). Apps register their snippets with this `SnippetViewSet`, and a custom
listing view subclasses this `IndexView`; tests/core/test_exports.py checks that none is left
out. Wagtail's own reports get the same through `safe_report_urls()`."""

from itertools import chain

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.snippets.views import snippets
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .exports import CSV_DELIMITER, csv_response, neutralise_xlsx_cell


class SafeSpreadsheetExportMixin:
    """For views with Wagtail's SpreadsheetExportMixin (`list_export`): cells that could start
    a formula are neutralised, and the CSV is UTF-8 with a byte order mark and a charset."""

    csv_delimiter = CSV_DELIMITER

    def csv_rows(self, queryset):
        header = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return chain([header], rows)

    def write_csv_response(self, queryset):
        return csv_response(self.get_filename(), self.csv_rows(queryset), self.csv_delimiter)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            yield neutralise_xlsx_cell(cell)


class IndexView(SafeSpreadsheetExportMixin, snippets.IndexView):
    pass


class SnippetViewSet(snippets.SnippetViewSet):
    index_view_class = IndexView


def safe_report_urls():
    """Wagtail's reports (the site history and the others) with safe downloads, at the same
    paths; website/urls.py puts them before Wagtail's admin. The site history's labels hold
    what visitors typed, such as an organisation's name."""
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
