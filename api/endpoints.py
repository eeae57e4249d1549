"""What an endpoint of the open data is, declared once: the index, the JSON and CSV views, the
OpenAPI description and the "Open data" page all read these definitions, so the documentation
cannot drift from what is served. An endpoint filters with the form or query of the public
page it mirrors, so the API filters exactly as the site does.
"""

import datetime
import functools
import operator
from dataclasses import dataclass
from typing import Callable

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.images import get_image_model

from core.exports import CSV_DELIMITER, local_moment_text
from core.images import rendition_or_none
from core.text import text_from_html

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
CSV_SEPARATOR = CSV_DELIMITER
# Values inside one CSV cell are joined with this.
CELL_JOINER = " | "
# Day-month-year, as Dutch Excel reads a date from a CSV file (and the time apart: 09:00).
CSV_DAY_FORMAT, CSV_TIME_FORMAT = "%d-%m-%Y", "%H:%M"
CSV_FORMAT = (
    "Data als DD-MM-JJJJ, tijdstippen als DD-MM-JJJJ UU:MM (Nederlandse tijd), begin en einde "
    "van een evenement in een kolom datum (_date) en een kolom tijd (_time), decimale getallen "
    "met een komma, ja/nee voor waar/onwaar; zo herkent Excel in het Nederlands ze."
)
IMAGE_SPEC = "max-800x600"
LOGO_SPEC = "max-240x120"
# `gewijzigd_sinds` accepts moments in these years; further out is a typo or a probe.
FIRST_YEAR, LAST_YEAR = 1970, 9998

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
INTEGER_OR_NULL = {"type": ["integer", "null"]}
NUMBER_OR_NULL = {"type": ["number", "null"]}
BOOLEAN = {"type": "boolean"}
DAY = {"type": "string", "format": "date"}
DAY_OR_NULL = {"type": ["string", "null"], "format": "date"}
MOMENT = {"type": "string", "format": "date-time"}
MOMENT_OR_NULL = {"type": ["string", "null"], "format": "date-time"}
URL = {"type": "string", "format": "uri"}
URL_OR_NULL = {"type": ["string", "null"], "format": "uri"}
TERM = {
    "type": "object",
    "properties": {"slug": STRING, "name": STRING},
    "required": ["slug", "name"],
}
TERMS = {"type": "array", "items": TERM}
TERM_OR_NULL = {**TERM, "type": ["object", "null"]}
REFERENCE = {
    "type": "object",
    "properties": {"id": INTEGER, "name": STRING, "url": URL_OR_NULL},
    "required": ["id", "name"],
}
REFERENCES = {"type": "array", "items": REFERENCE}
REFERENCE_OR_NULL = {**REFERENCE, "type": ["object", "null"]}


class InvalidParameters(Exception):
    """Parameters the endpoint cannot answer: a 400 with these Dutch messages."""

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = list(messages)


def term(obj, name="name"):
    return {"slug": obj.slug, "name": getattr(obj, name)} if obj is not None else None


def terms(objects, name="name"):
    return [term(obj, name) for obj in objects]


def moment(value):
    return value.isoformat() if value else None


def number(value):
    return float(value) if value is not None else None


# How an attribute becomes the JSON its field's schema describes.
CONVERSIONS = (
    (MOMENT, moment),
    (MOMENT_OR_NULL, moment),
    (DAY_OR_NULL, moment),
    (NUMBER_OR_NULL, number),
    (URL_OR_NULL, lambda url: url or None),
    (BOOLEAN, bool),
    (TERM_OR_NULL, term),
)


def csv_cell(value):
    """A JSON value as one spreadsheet cell (of a field without a format of its own)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dict):  # every object of the open data has one of these
        return csv_cell(next(value[key] for key in ("name", "title", "text") if key in value))
    if isinstance(value, list):
        return CELL_JOINER.join(csv_cell(part) for part in value)
    return value


def local(moment):
    """An ISO 8601 moment of the JSON in the site's time zone."""
    return timezone.localtime(parse_datetime(moment))


def csv_format(convert):
    """A cell format for values that may be null (an empty cell)."""
    return lambda value: "" if value is None else convert(value)


local_moment_cell = csv_format(lambda value: local_moment_text(local(value)))
# How a field's JSON value becomes its CSV cell, by schema: what Dutch Excel recognises.
CSV_FORMATS = (
    (MOMENT, local_moment_cell),
    (MOMENT_OR_NULL, local_moment_cell),
    (DAY_OR_NULL, csv_format(lambda value: parse_date(value).strftime(CSV_DAY_FORMAT))),
    (NUMBER_OR_NULL, csv_format(lambda value: str(value).replace(".", ","))),
)


def reference(partner, request):
    """A partner as other items name it; None for a partner that is not public."""
    if partner is None or not partner.live:
        return None
    return {"id": partner.pk, "name": partner.name, "url": profile_url(partner, request)}


@dataclass(frozen=True)
class Field:
    """One field of an item: its JSON name (English), JSON schema, Dutch description and
    `source`: a function `(obj, request)`, or the path of the record's attribute ("event.title",
    by default the field's name), converted as the schema says (a partner to a reference). The
    JSON item, the CSV row and the OpenAPI schema are all made from these, so they cannot
    disagree."""

    name: str
    schema: dict
    description: str
    source: str | Callable[[object, object], object] | None = None
    # A moment that is two CSV columns, `<name>_date` and `<name>_time`, local: for a list
    # sorted and filtered by day in a spreadsheet (the dates of the agenda).
    split: bool = False

    @property
    def columns(self):
        return (f"{self.name}_date", f"{self.name}_time") if self.split else (self.name,)

    def cells(self, value):
        """The JSON `value` of this field as its CSV cells, one per column."""
        if self.split:
            moment = local(value) if value else None
            formats = (CSV_DAY_FORMAT, CSV_TIME_FORMAT)
            return [moment.strftime(each) if moment else "" for each in formats]
        convert = next((convert for schema, convert in CSV_FORMATS if schema == self.schema), None)
        return [convert(value) if convert else csv_cell(value)]

    def value(self, obj, request):
        if callable(self.source):
            return self.source(obj, request)
        value = operator.attrgetter(self.source or self.name)(obj)
        if self.schema == REFERENCE_OR_NULL:
            return reference(value, request)
        if self.schema == REFERENCES:
            return [reference(partner, request) for partner in value.all() if partner.live]
        return next(
            (convert(value) for schema, convert in CONVERSIONS if schema == self.schema), value
        )


@dataclass(frozen=True)
class Param:
    """A query parameter (Dutch, as on the public pages)."""

    name: str
    description: str
    schema: dict
    multiple: bool = False


GEWIJZIGD_SINDS = Param(
    "gewijzigd_sinds",
    "Alleen wat op of na dit moment is gewijzigd: JJJJ-MM-DD of een ISO 8601-tijdstip "
    "(zonder tijdzone: Nederlandse tijd).",
    STRING,
)
PAGINA = Param("pagina", "Paginanummer, vanaf 1.", {"type": "integer", "minimum": 1})
PER_PAGINA = Param(
    "per_pagina",
    f"Aantal items per pagina: 1 tot en met {MAX_PAGE_SIZE} (standaard {DEFAULT_PAGE_SIZE}).",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
)


@dataclass(frozen=True)
class Endpoint:
    """A list of public records: `records(params)` filters them (raising InvalidParameters for
    values it does not know); `prepare(objects)` may add to a page of them in bulk. `changed`
    are the lookups of "last changed" moments: `gewijzigd_sinds` finds a record when any of
    them is at or after the moment asked."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    records: Callable[[dict], object]
    # The filters, or a callable returning them (read when asked: other apps add facets).
    params: tuple[Param, ...] | Callable[[], tuple[Param, ...]] = ()
    changed: tuple[str, ...] = ("updated_at",)
    order: tuple[str, ...] = ("pk",)
    prepare: Callable[[list], list] = list

    def list_path(self):
        return reverse("api:list", args=[self.name])

    def csv_path(self):
        return reverse("api:csv", args=[self.name])

    def item(self, obj, request):
        return {field.name: field.value(obj, request) for field in self.fields}

    @property
    def csv_header(self):
        return [column for field in self.fields for column in field.columns]

    def csv_row(self, obj, request):
        item = self.item(obj, request)
        return [cell for field in self.fields for cell in field.cells(item[field.name])]

    @property
    def all_params(self):
        return (*(self.params() if callable(self.params) else self.params), GEWIJZIGD_SINDS)

    def select(self, params):
        """The records narrowed by every parameter, in their stable order."""
        records = self.records(params)
        since = changed_since(params.get(GEWIJZIGD_SINDS.name))
        if since is not None:
            changed = (Q(**{f"{lookup}__gte": since}) for lookup in self.changed)
            records = records.filter(functools.reduce(operator.or_, changed))
        return records.order_by(*self.order)


def changed_since(value):
    """The moment of `gewijzigd_sinds`, aware; None when not given."""
    if not value:
        return None
    try:
        moment = parse_datetime(value) or parse_date(value)
    except ValueError:  # well-formed, but no such day or time
        moment = None
    if moment is None:
        raise InvalidParameters(
            [
                f"{GEWIJZIGD_SINDS.name}: gebruik een datum (JJJJ-MM-DD) of een tijdstip "
                "(ISO 8601, zoals 2027-03-15T09:00:00+01:00)."
            ]
        )
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise InvalidParameters(
            [f"{GEWIJZIGD_SINDS.name}: kies een moment tussen {FIRST_YEAR} en {LAST_YEAR}."]
        )
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def validated_form(form_class, names, params):
    """The filter form of a public page bound to the API's parameters `names` (its filters,
    not its sorting or view switches); an unknown or malformed value is a 400 here, where the
    page ignores it with a notice."""
    values = {name: params[name] for name in names if name in params}
    form = form_class(values or None)
    if values and form.notices:
        raise InvalidParameters(form.notices)
    return form


def form_params(form_class, descriptions):
    """The Params of a filter form's fields `descriptions` (name -> Dutch description)."""
    fields = form_class.base_fields
    return tuple(
        Param(name, text, DAY if isinstance(fields[name], forms.DateField) else STRING)
        for name, text in descriptions.items()
    )


# --- values of fields: each is called with the record and the request -------------------------


def absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def label(path):
    """The readable name of the choice at `path` ("kind", "event.status")."""
    *owner, name = path.split(".")
    display = operator.attrgetter(".".join([*owner, f"get_{name}_display"]))
    return lambda obj, request: display(obj)()


def terms_of(relation, name="name"):
    """The related objects at `relation` as terms: slug and `name`."""
    read = operator.attrgetter(relation)
    return lambda obj, request: terms(read(obj).all(), name)


def rendition(path, spec):
    """A rendition of the image at `path` (never the original file), or None without an image
    or when its original file is lost."""
    read = operator.attrgetter(path)

    def url(obj, request):
        found = rendition_or_none(read(obj), spec)
        return absolute(request, found.url) if found is not None else None

    return url


def profile_url(obj, request):
    """The page of a record that is not a Wagtail page (partner, initiative, action)."""
    return absolute(request, obj.get_absolute_url())


def page_url(page, request):
    return absolute(request, page.get_url(request))


def id_field(what):
    return Field("id", INTEGER, f"Vast nummer van {what}; verandert nooit.", "pk")


# Rich text as plain text: the open data carries no markup.
DESCRIPTION = Field(
    "description",
    STRING,
    "Omschrijving, als platte tekst.",
    lambda obj, request: text_from_html(obj.description),
)


def updated_field(source="updated_at"):
    return Field("updated_at", MOMENT, "Laatst gewijzigd (ISO 8601, UTC).", source)


def published_field(path):
    """`updated_at` of a page: when it was last published (null before that)."""
    return Field("updated_at", MOMENT_OR_NULL, "Laatst gepubliceerd (ISO 8601, UTC).", path)


def with_renditions(spec):
    """A queryset of images with the renditions of `spec`, for a Prefetch of an image field."""
    return get_image_model().objects.prefetch_renditions(spec)
