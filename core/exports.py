"""Files and answers for other programs: JSON, written one way for the open data, the oEmbed
endpoint and the privacy exports; and spreadsheet files (CSV, Excel) that are safe to open.

Every export of the site writes its cells through here. A cell that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return is read as a formula by spreadsheets ("CSV injection",
OWASP), and visitors choose much of what ends up in a cell: such text gets a leading quote in
CSV and Excel's own "quote prefix" mark.

Every CSV is for Dutch Excel: UTF-8 with a byte order mark (else Excel reads its local code
page), separated by `;` (the comma is its decimal sign), moments in local time.
"""

import csv
import datetime
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"
# JSON is UTF-8 by definition; RFC 8259 gives it no charset parameter.
JSON_CONTENT_TYPE = "application/json"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"
# Day-month-year and 24-hour time, which Dutch Excel reads as a date and time.
LOCAL_MOMENT_FORMAT = "%d-%m-%Y %H:%M"
# Excel refuses a worksheet name longer than this, with one of these characters, or that
# starts or ends with an apostrophe.
SHEET_TITLE_MAX_LENGTH = 31
SHEET_TITLE_REFUSED = re.compile(r"[\[\]:*?/\\]")


def as_json(data):
    """JSON that people can read too: letters as they are, not as \\u escapes; dates and
    decimals as Django writes them."""
    return json.dumps(data, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)


def json_error(status, message, details=(), headers=None):
    """An error as every JSON answer of the site gives one:
    {"error": {"status", "message", "details"}}, the messages in Dutch."""
    body = {"error": {"status": status, "message": message, "details": list(details)}}
    return HttpResponse(
        as_json(body), status=status, content_type=JSON_CONTENT_TYPE, headers=headers
    )


def looks_like_formula(value):
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise(value):
    """A CSV cell that no spreadsheet will evaluate."""
    return f"'{value}" if looks_like_formula(value) else value


class _Echo:
    """A file-like object for csv.writer that hands back what it is given, for streaming."""

    def write(self, value):
        return value


def csv_lines(rows, delimiter=CSV_DELIMITER):
    """The text of a CSV file, line by line: a byte order mark first, every cell neutralised."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield BYTE_ORDER_MARK
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def csv_response(filename, rows):
    """A streamed CSV download of `rows` (the first one the header), as `filename`.csv."""
    response = StreamingHttpResponse(csv_lines(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def sheet_title(text):
    """`text` as the name of a worksheet that Excel opens."""
    title = " ".join(SHEET_TITLE_REFUSED.sub(" ", text).split()).strip("'")
    return title[:SHEET_TITLE_MAX_LENGTH].rstrip(" '") or "Blad1"


def neutralise_xlsx_cell(cell):
    """Mark an openpyxl cell whose text could start a formula as plain text."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def local_moment(value):
    """An aware moment in the site's time zone, naive: a spreadsheet cell has no time zone."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value, timezone.get_default_timezone())
    return value


def local_moment_text(value):
    """A moment as CSV text in local time: "30-11-2026 08:48"."""
    return local_moment(value).strftime(LOCAL_MOMENT_FORMAT)
