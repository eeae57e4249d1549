"""What every snippet admin of the site shares: listings whose CSV and Excel downloads are safe
to open (core/exports.py). Apps register their snippets with this `SnippetViewSet`, and a
custom listing view subclasses this `IndexView`; tests/core/test_exports.py checks that none
is left out."""

from itertools import chain

from wagtail.snippets.views import snippets

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
