"""The open data's views: the index, each list as JSON and as CSV, and the OpenAPI description.

Every answer, errors included, is JSON (or CSV) with `Access-Control-Allow-Origin: *`, so any
site can read it from a browser. Only GET and HEAD (and OPTIONS, for preflight) are served,
within a per-minute limit per client IP (core.ratelimit), and a stricter one for whole lists
as CSV. Lists are kept under the content version (core.pagecache), so a repeated request costs
no query; their Last-Modified is the time of the last change of any content (removals
included), and a repeated request with it, or the ETag, gets 304.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, quote_etag
from django.views.decorators.csrf import csrf_exempt

from core import pagecache, ratelimit
from core.exports import CSV_CONTENT_TYPE, JSON_CONTENT_TYPE, as_json, csv_lines, json_error

from .endpoints import DEFAULT_PAGE_SIZE, PAGINA, PER_PAGINA, InvalidParameters
from .openapi import describe, describe_index
from .resources import ENDPOINTS_BY_NAME

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(SAFE_METHODS)
RATE_WINDOW_SECONDS = 60
CACHE_CONTROL = "public, max-age=60"
CSV_CHUNK = 500
PREFLIGHT_HEADERS = {
    "Allow": ALLOW,
    "Access-Control-Allow-Methods": ALLOW,
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


class NotFound(Exception):
    """Answered with a 404 and this message."""


def too_many_requests(message):
    retry_after = RATE_WINDOW_SECONDS - int(time.time()) % RATE_WINDOW_SECONDS
    return json_error(429, message, headers={"Retry-After": str(retry_after)})


def within_limit(request, scope, per_minute):
    return ratelimit.hit(request, scope, per_minute, RATE_WINDOW_SECONDS)


def api_view(view):
    """Methods, rate limit and CORS for every view of the open data."""

    @csrf_exempt  # nothing here reads a form; a POST gets its 405 in JSON, not a CSRF page
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            response = json_error(
                405,
                "Deze methode kan hier niet: de open data zijn alleen te lezen (GET).",
                headers={"Allow": ALLOW},
            )
        elif request.method == "OPTIONS":
            response = HttpResponse(status=204, headers=PREFLIGHT_HEADERS)
        elif not within_limit(request, "api", settings.API_REQUESTS_PER_MINUTE):
            response = too_many_requests(
                f"Te veel verzoeken: hoogstens {settings.API_REQUESTS_PER_MINUTE} per minuut. "
                "Probeer het straks opnieuw."
            )
        else:
            try:
                response = view(request, *args, **kwargs)
            except InvalidParameters as invalid:
                response = json_error(
                    400, "Deze parameters kunnen we niet gebruiken.", invalid.messages
                )
            except NotFound as missing:
                response = json_error(404, str(missing))
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response

    return wrapped


def conditional(request, body, content_type, last_modified=None, filename=None):
    """`body` with its ETag, Last-Modified and Cache-Control; 304 when the client has it."""
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    # Whole seconds, as HTTP dates have them, so If-Modified-Since compares equal.
    seconds = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=seconds)
    response = response or HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if seconds:
        response["Last-Modified"] = http_date(seconds)
    response["Cache-Control"] = CACHE_CONTROL
    if filename and response.status_code == 200:
        response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def check_names(params, allowed):
    unknown = sorted(name for name in params if name not in allowed)
    if unknown:
        raise InvalidParameters(
            [
                f"Onbekende parameter: {name[:50]}. Deze lijst kent: {', '.join(allowed)}."
                for name in unknown[:5]
            ]
        )


def positive(params, param, default):
    """The whole number `param`, from 1 to its schema's maximum."""
    highest = param.schema.get("maximum")
    value = params.get(param.name, "")
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1 or (highest and number > highest):
        bounds = f"1 tot en met {highest}" if highest else "een geheel getal vanaf 1"
        raise InvalidParameters([f"{param.name}: kies {bounds}."])
    return number


@api_view
def index(request):
    return conditional(request, as_json(describe_index(request)).encode(), JSON_CONTENT_TYPE)


@api_view
def listing(request, name):
    endpoint = ENDPOINTS_BY_NAME.get(name)
    if endpoint is None:
        return not_found(request)
    params = request.GET
    check_names(params, [param.name for param in (*endpoint.all_params, PAGINA, PER_PAGINA)])
    page = positive(params, PAGINA, 1)
    size = positive(params, PER_PAGINA, DEFAULT_PAGE_SIZE)

    def build():
        paginator = Paginator(endpoint.select(params), size)
        if page > paginator.num_pages:
            raise NotFound(f"Pagina {page} bestaat niet; deze lijst heeft {paginator.count} items.")
        found = paginator.page(page)
        data = {
            "count": paginator.count,
            "page": page,
            "page_size": size,
            "next": page_link(request, page + 1) if found.has_next() else None,
            "previous": page_link(request, page - 1) if found.has_previous() else None,
            "results": [endpoint.item(obj, request) for obj in endpoint.prepare(list(found))],
        }
        return as_json(data).encode()

    body = pagecache.kept(request.build_absolute_uri(), build)
    return conditional(request, body, JSON_CONTENT_TYPE, pagecache.content_changed_at())


def page_link(request, page):
    params = request.GET.copy()
    params[PAGINA.name] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@api_view
def listing_csv(request, name):
    endpoint = ENDPOINTS_BY_NAME.get(name)
    if endpoint is None:
        return not_found(request)
    check_names(request.GET, [param.name for param in endpoint.all_params])
    if not within_limit(request, "api-export", settings.API_EXPORTS_PER_MINUTE):
        return too_many_requests(
            f"Te veel downloads: hoogstens {settings.API_EXPORTS_PER_MINUTE} hele lijsten als "
            "CSV per minuut. Probeer het straks opnieuw."
        )

    def build():
        rows = [endpoint.csv_header]
        for page in Paginator(endpoint.select(request.GET), CSV_CHUNK):
            rows += [endpoint.csv_row(obj, request) for obj in endpoint.prepare(list(page))]
        return "".join(csv_lines(rows)).encode()

    body = pagecache.kept(request.build_absolute_uri(), build)
    changed = pagecache.content_changed_at()
    return conditional(request, body, CSV_CONTENT_TYPE, changed, f"{name}.csv")


@api_view
def openapi(request):
    return conditional(request, as_json(describe(request)).encode(), JSON_CONTENT_TYPE)


def not_found(request, *args, **kwargs):
    return json_error(404, "Dit adres kent de open data niet. Zie de index voor alle lijsten.")
