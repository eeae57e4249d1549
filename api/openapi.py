"""The index and the OpenAPI 3.1 description of the open data, built from the endpoint
definitions the views serve (api/resources.py), so they cannot say something the API does not
do."""

from django.conf import settings
from django.urls import reverse

from core.links import live_page_url

from .endpoints import (
    CSV_FORMAT,
    CSV_SEPARATOR,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    PAGINA,
    PER_PAGINA,
    absolute,
)
from .models import OpenDataPage
from .resources import ENDPOINTS

JSON = "application/json"
CSV = "text/csv"


def license_info():
    return {"name": settings.OPEN_DATA_LICENSE_NAME, "url": settings.OPEN_DATA_LICENSE_URL}


def describe_index(request):
    """The index (`/api/`), which the "Open data" page shows too."""
    return {
        "name": f"Open data van {settings.WAGTAIL_SITE_NAME}",
        "description": "Alleen-lezen JSON en CSV met de openbare gegevens van deze site. "
        "Veldnamen zijn Engels, parameters en meldingen Nederlands.",
        "documentation": absolute(request, live_page_url(OpenDataPage)),
        "openapi": request.build_absolute_uri(reverse("api:openapi")),
        "licentie": license_info(),
        "max_page_size": MAX_PAGE_SIZE,
        "default_page_size": DEFAULT_PAGE_SIZE,
        "csv_separator": CSV_SEPARATOR,
        "csv_format": CSV_FORMAT,
        "rate_limit_per_minute": settings.API_REQUESTS_PER_MINUTE,
        "csv_rate_limit_per_minute": settings.API_EXPORTS_PER_MINUTE,
        "endpoints": [
            {
                "name": endpoint.name,
                "title": endpoint.title,
                "description": endpoint.description,
                "url": request.build_absolute_uri(endpoint.list_path()),
                "csv": request.build_absolute_uri(endpoint.csv_path()),
                "parameters": [param.name for param in endpoint.all_params],
            }
            for endpoint in ENDPOINTS
        ],
    }


def parameter(param):
    described = {
        "name": param.name,
        "in": "query",
        "required": False,
        "description": param.description,
        "schema": param.schema,
    }
    if param.multiple:
        described.update(
            schema={"type": "array", "items": param.schema}, style="form", explode=True
        )
    return described


def error_response(description):
    return {
        "description": description,
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


CACHE_HEADERS = {
    "ETag": {"schema": {"type": "string"}, "description": "Stuur terug in If-None-Match."},
    "Last-Modified": {
        "schema": {"type": "string"},
        "description": "Laatste wijziging; stuur terug in If-Modified-Since.",
    },
}
COMMON_RESPONSES = {
    "304": {"description": "Niet gewijzigd sinds If-None-Match / If-Modified-Since."},
    "400": error_response("Onbekende parameter of waarde (melding in het Nederlands)."),
    "404": error_response("Deze pagina van de lijst bestaat niet."),
    "405": error_response("Alleen GET, HEAD en OPTIONS."),
    "429": {
        **error_response("Te veel verzoeken."),
        "headers": {
            "Retry-After": {"schema": {"type": "integer"}, "description": "Seconden wachten."}
        },
    },
}


def item_schema(endpoint):
    return {
        "type": "object",
        "properties": {
            field.name: {**field.schema, "description": field.description}
            for field in endpoint.fields
        },
        "required": [field.name for field in endpoint.fields],
    }


def page_schema(endpoint):
    link = {"type": ["string", "null"], "format": "uri"}
    return {
        "type": "object",
        "properties": {
            "count": {"type": "integer", "description": "Aantal items in de hele lijst."},
            "page": {"type": "integer"},
            "page_size": {"type": "integer", "maximum": MAX_PAGE_SIZE},
            "next": {**link, "description": "De volgende pagina; null op de laatste."},
            "previous": link,
            "results": {
                "type": "array",
                "items": {"$ref": f"#/components/schemas/{endpoint.name.capitalize()}"},
            },
        },
        "required": ["count", "page", "page_size", "next", "previous", "results"],
    }


def listing(summary, operation_id, parameters, description, content):
    """A list of an endpoint, as JSON or CSV."""
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": parameters,
            "responses": {
                "200": {"description": description, "headers": CACHE_HEADERS, "content": content},
                **COMMON_RESPONSES,
            },
        }
    }


def describe(request):
    base = reverse("api:index")

    def relative(url):
        """A path relative to the server URL (the API's index), as OpenAPI paths are."""
        return "/" + url.removeprefix(base)

    paths = {
        relative(base): {
            "get": {
                "summary": "Index: alle lijsten met hun adres en omschrijving.",
                "operationId": "index",
                "responses": {"200": {"description": "De index.", "content": {JSON: {}}}},
            }
        },
        relative(reverse("api:openapi")): {
            "get": {
                "summary": "Deze beschrijving (OpenAPI 3.1).",
                "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI.", "content": {JSON: {}}}},
            }
        },
    }
    schemas = {
        "Error": {
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {
                        "status": {"type": "integer"},
                        "message": {"type": "string"},
                        "details": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["status", "message", "details"],
                }
            },
            "required": ["error"],
        }
    }
    for endpoint in ENDPOINTS:
        filters = [parameter(param) for param in endpoint.all_params]
        schemas[endpoint.name.capitalize()] = item_schema(endpoint)
        paths[relative(endpoint.list_path())] = listing(
            endpoint.description,
            f"list_{endpoint.name}",
            [*filters, parameter(PAGINA), parameter(PER_PAGINA)],
            f"Een pagina van de lijst {endpoint.title}.",
            {JSON: {"schema": page_schema(endpoint)}},
        )
        paths[relative(endpoint.csv_path())] = listing(
            f"{endpoint.title} als CSV: de hele lijst, zelfde filters.",
            f"csv_{endpoint.name}",
            filters,
            f"UTF-8 met BOM, scheidingsteken '{CSV_SEPARATOR}'; kolommen zijn de velden van "
            f"de JSON: {', '.join(endpoint.csv_header)}. {CSV_FORMAT}",
            {CSV: {"schema": {"type": "string"}}},
        )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"Open data van {settings.WAGTAIL_SITE_NAME}",
            "version": "1",
            "description": (
                "Alleen-lezen open data. Lijsten tonen standaard "
                f"{DEFAULT_PAGE_SIZE} items per pagina, hoogstens {MAX_PAGE_SIZE} "
                f"(`{PER_PAGINA.name}`); `next` wijst naar de volgende pagina. "
                f"Hoogstens {settings.API_REQUESTS_PER_MINUTE} verzoeken per minuut per "
                f"IP-adres, waarvan hoogstens {settings.API_EXPORTS_PER_MINUTE} hele lijsten als "
                "CSV (daarna 429 met Retry-After). JSON: tijdstippen in ISO 8601, decimale "
                f"getallen met een punt. CSV: UTF-8 met BOM, scheidingsteken '{CSV_SEPARATOR}'. "
                f"{CSV_FORMAT} Licentie: {settings.OPEN_DATA_LICENSE_NAME}."
            ),
            "license": license_info(),
        },
        "servers": [{"url": request.build_absolute_uri(base).rstrip("/")}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
